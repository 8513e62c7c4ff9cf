"""The pydantic schema of `sai.yaml`: the AI system under assessment for EN 304 223.

Every model forbids unknown keys, so a misspelt key is an error rather than a silently ignored
setting. Field docstrings are the reference text (see docs/manifest.md for the provisions each
field informs). Checks that span fields or touch the file system (unique names, known datasets,
files that exist) live in `sai.manifest._semantic` and run on every load.
"""

from __future__ import annotations

import enum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from sai.catalog import Role
from sai.manifest._types import (
    ONE_OF_PATH_ENDPOINT,
    ONE_OF_URL_DESCRIPTION,
    STRICT_MODEL,
    AnyUrl,
    AssetName,
    Contact,
    Digest,
    Email,
    Flag,
    HttpUrl,
    Line,
    Number,
    ProvisionIdText,
    RelPath,
    Sentence,
    StrictText,
    Text,
    When,
    invalid,
)
from sai.manifest.console_spec import ConsoleSpec, CustodianRequirement, TimeoutOutcome
from sai.manifest.documents_spec import BriefingRole, DocumentsSpec, parse_briefing_role
from sai.manifest.evidence_spec import EvidenceRules
from sai.manifest.gateway_spec import (
    GatewayModelRoute,
    GatewayPolicies,
    GatewayRoleSpec,
    GatewayRoute,
    GatewaySpec,
    StreamingMode,
    UpstreamSpec,
)
from sai.manifest.guards_spec import (
    EmbeddingsGuardSpec,
    GuardAction,
    GuardName,
    GuardRoleSpec,
    GuardRouteSpec,
    GuardRoutesSpec,
    GuardScannerSpec,
    GuardsSpec,
    PredictGuardSpec,
)
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.manifest.redteam_spec import RedteamSpec
from sai.manifest.threats_spec import (
    Modality,
    RetrievalSpec,
    RiskAppetite,
    ToolKind,
    ToolSpec,
)

#: The only schema version this release reads.
SCHEMA_VERSION = 1


class ModelFormat(enum.StrEnum):
    """How a model is stored or reached; picks the scanner and the loader that apply."""

    sklearn_pickle = "sklearn-pickle"
    pickle = "pickle"
    joblib = "joblib"
    pytorch = "pytorch"
    safetensors = "safetensors"
    onnx = "onnx"
    gguf = "gguf"
    keras = "keras"
    openai_api = "openai-api"
    other = "other"


def _schema_version(value: object) -> object:
    if type(value) is not int or value != SCHEMA_VERSION:
        invalid(
            f"unsupported schema version {value!r}",
            f"this release of sai reads `version: {SCHEMA_VERSION}`",
        )
    return value


class _Strict(BaseModel):
    model_config = STRICT_MODEL


class ModelCard(_Strict):
    """Model-card facts the documents package turns into the system card (5.2.4-1.1)."""

    description: StrictText = ""
    """What the model does, in a sentence or two."""
    limitations: list[Text] = []
    """Known limitations and failure modes, one per item."""
    metrics: dict[StrictText, Number] = {}
    """Evaluation results, metric name to value, e.g. ``accuracy: 0.94``."""
    licence: Line | None = None
    """The model's licence, e.g. an SPDX id such as ``Apache-2.0``."""


IN_HOUSE_SOURCES = frozenset({"trained-in-house", "in-house", "internal", "local"})
"""The ``source`` values that mean a model was made by the organisation itself."""


class ModelSpec(_Strict):
    """A model of the system: a file or folder on disk, or a remote endpoint."""

    name: AssetName
    """Unique name of the asset across models, datasets, prompts and configs."""
    path: RelPath | None = None
    """File or folder of the model, relative to the manifest's directory (or absolute)."""
    endpoint: HttpUrl | None = None
    """URL of a hosted model, for models reached over an API instead of a file."""
    format: ModelFormat
    """Storage or API format; decides which scanner applies."""
    source: Line
    """Where the model came from: ``trained-in-house``, a URL or a hub id."""
    version: Line | None = None
    """The model's version or revision."""
    owner: Line | None = None
    """Person or team accountable for the model."""
    confidential: Flag = False
    """Whether the weights are confidential (5.2.1-4.2 then asks for protection)."""
    trained_on: list[AssetName] = []
    """Names of datasets in ``datasets`` this model was trained or fine-tuned on."""
    card: ModelCard | None = None
    """Optional model-card facts."""
    modalities: list[Modality] = []
    """Kinds of input the model can take (text, image, audio, video, tabular)."""
    used_modalities: list[Modality] = []
    """Kinds of input the system uses; any others are capabilities to disable (5.1.3-1.2)."""

    @model_validator(mode="after")
    def _path_xor_endpoint(self) -> ModelSpec:
        if (self.path is None) == (self.endpoint is None):
            invalid(*ONE_OF_PATH_ENDPOINT)
        return self

    @property
    def in_house(self) -> bool:
        """Whether ``source`` names the organisation itself (one of :data:`IN_HOUSE_SOURCES`).

        The match is exact: ``internal-mirror-of-hf/llama`` is a mirror of an external model.
        """
        return self.source.strip().lower() in IN_HOUSE_SOURCES


class DataSource(_Strict):
    """Where (part of) a dataset came from and when: the provenance record of 5.2.4-2."""

    url: AnyUrl | None = None
    """URL the data was obtained from (https://, s3://, hf://, ...)."""
    description: Text | None = None
    """How the data was obtained, for sources without a URL (a partner, a survey)."""
    retrieved: When | None = None
    """Date or date-time the data was obtained (5.2.4-2.1); a bare date-time is read as UTC."""
    licence: Line | None = None
    """Licence or terms the data was obtained under."""
    digest: Digest | None = None
    """Digest of the data as retrieved, ``sha256:<64 hex digits>``."""

    @model_validator(mode="after")
    def _url_or_description(self) -> DataSource:
        if self.url is None and self.description is None:
            invalid(*ONE_OF_URL_DESCRIPTION)
        return self


class Sensitivity(enum.StrEnum):
    """How sensitive a dataset is; decides who may reach what was trained on it (5.1.2-5)."""

    public = "public"
    internal = "internal"
    confidential = "confidential"
    personal = "personal"
    special_category = "special-category"

    @property
    def restricted(self) -> bool:
        """Confidential, personal or special-category data: use and reach must be limited."""
        return self not in (Sensitivity.public, Sensitivity.internal)


class DatasetSpec(_Strict):
    """A dataset used to train, fine-tune, evaluate or ground a model."""

    name: AssetName
    """Unique name of the asset; models refer to it in ``trained_on``."""
    path: RelPath
    """File or folder holding the data, relative to the manifest's directory."""
    owner: Line | None = None
    """Data custodian accountable for the dataset."""
    confidential: Flag = False
    """Whether the data is confidential (5.2.1-4, 5.2.1-4.2)."""
    sources: list[DataSource] = []
    """Where the data came from, one record per source."""
    sensitivity: Sensitivity | None = None
    """``public``, ``internal``, ``confidential``, ``personal`` or ``special-category``
    (5.1.2-5, 5.2.1-4); unset means confidential when ``confidential: true``, else unclassified
    (treated as non-public)."""
    audience: list[Line] = []
    """Gateway roles that may reach models trained on this data (restricted classes only)."""

    @property
    def effective_sensitivity(self) -> Sensitivity | None:
        """The declared class, or confidential when only ``confidential: true`` is set."""
        if self.sensitivity is None and self.confidential:
            return Sensitivity.confidential
        return self.sensitivity

    @property
    def public(self) -> bool:
        """Whether the data is declared public (only then may it ship with the system)."""
        return self.effective_sensitivity is Sensitivity.public


class PromptSpec(_Strict):
    """A system prompt or prompt template; changes to it are tracked (5.2.4-3)."""

    name: AssetName
    """Unique name of the asset."""
    path: RelPath
    """File holding the prompt, relative to the manifest's directory."""
    purpose: StrictText = ""
    """What the prompt is for."""


class ConfigSpec(_Strict):
    """A configuration file that changes how the system works (5.1.3-1.1, 5.2.4-3)."""

    name: AssetName
    """Unique name of the asset."""
    path: RelPath
    """File holding the configuration, relative to the manifest's directory."""
    purpose: StrictText = ""
    """What the configuration controls."""


class Person(_Strict):
    """Someone accountable for the system."""

    name: Line
    """The person's or team's name."""
    email: Email | None = None
    """How to reach them."""
    role: Line | None = None
    """What they are accountable for, e.g. ``model owner``."""
    briefing: BriefingRole | None = None
    """The security briefing they must read and acknowledge: ``developer``,
    ``system-operator`` or ``data-custodian`` (5.1.1)."""

    @property
    def briefing_role(self) -> BriefingRole | None:
        """``briefing``, else ``role`` when it names a briefing role (e.g. ``developer``)."""
        return self.briefing or parse_briefing_role(self.role)


class RiskReporting(_Strict):
    """How staff report AI security risks, and what protects them when they do (5.1.2-5.1)."""

    channel: Line
    """Where to report, e.g. ``ai-risk@bank.test or #ai-risks``."""
    safeguards: Sentence
    """What protects a reporter, in at least one sentence (anonymity, no blame)."""


class People(_Strict):
    """Who is accountable for the system and where security reports go."""

    owners: Annotated[list[Person], Field(min_length=1)]
    """Accountable people or teams; at least one (5.1.4, 5.1.2-1)."""
    custodians: list[Person] = []
    """Data custodians: they approve disposal and transfer of data and models (5.5.1)."""
    security_contact: Contact
    """E-mail or https URL for vulnerability reports (5.2.2-4, 5.3.1-3)."""
    risk_reporting: RiskReporting | None = None
    """How staff report AI security risks; the role briefings state it (5.1.2-5.1)."""


class Exclusion(_Strict):
    """A provision declared not applicable, with the reason; goes into the ICS."""

    provision: ProvisionIdText
    """Provision id, e.g. ``5.2.2-6``."""
    justification: Sentence
    """Why it does not apply, in at least one full sentence."""


class Manifest(_Strict):
    """The whole `sai.yaml`: the AI system, its assets, roles, people and runtime settings."""

    version: Annotated[Literal[1], BeforeValidator(_schema_version)]
    """Schema version of this file; always 1 for now."""
    name: Line
    """Name of the AI system."""
    description: StrictText = ""
    """What the system is, in a few sentences."""
    intended_use: Text
    """What the system is for (5.1.2-1, 5.1.2-5, 5.3.1-2)."""
    business_need: Text | None = None
    """The problem the system solves; the design assessment weighs risks against it (5.1.2-1)."""
    risk_appetite: RiskAppetite | None = None
    """Highest residual risk accepted without a named sign-off: low, medium or high (5.1.3-1.3)."""
    prohibited_uses: list[Text] = []
    """Uses the system must not be put to (5.1.4-5)."""
    roles: Annotated[list[Role], Field(min_length=1)]
    """Stakeholder roles the organisation holds; decide which provisions apply."""
    models: list[ModelSpec] = []
    """The models of the system."""
    datasets: list[DatasetSpec] = []
    """The datasets behind the models."""
    prompts: list[PromptSpec] = []
    """System prompts and templates."""
    configs: list[ConfigSpec] = []
    """Configuration files that change the system's behaviour."""
    retrieval: list[RetrievalSpec] = []
    """Documents the models read at run time (retrieval-augmented generation)."""
    tools: list[ToolSpec] = []
    """Things the AI can call or reach, with the permissions granted (5.1.2-6)."""
    upstream: UpstreamSpec | None = None
    """The model API behind the gateway, if the system uses one."""
    gateway: GatewaySpec = GatewaySpec()
    """Gateway settings."""
    guards: GuardsSpec = GuardsSpec()
    """Guard scanners on inputs and outputs, and their settings."""
    redteam: RedteamSpec = RedteamSpec()
    """Red-team release gate and classic-model attack data."""
    people: People
    """Owners and the security contact."""
    exclusions: list[Exclusion] = []
    """Provisions declared not applicable, with justifications."""
    evidence: EvidenceRules = EvidenceRules()
    """How much evidence the automated checks ask for (sufficiency settings)."""
    monitoring: MonitoringSpec = MonitoringSpec()
    """Drift, attack and performance monitoring: windows, tests, thresholds and alert owners."""
    documents: DocumentsSpec = DocumentsSpec()
    """Generated documents: notice period, review period, retention, readability floor."""
    console: ConsoleSpec = ConsoleSpec()
    """Human review in the web console: deadline, timeout default, four-eyes (5.1.4)."""
    custodian_requirements: list[CustodianRequirement] = []
    """Security controls Data Custodians require, each backed by provisions (5.1.4-4)."""

    def assets(self) -> tuple[ModelSpec | DatasetSpec | PromptSpec | ConfigSpec, ...]:
        """Every named asset: models, then datasets, prompts and configs."""
        return (*self.models, *self.datasets, *self.prompts, *self.configs)

    def asset(self, name: str) -> ModelSpec | DatasetSpec | PromptSpec | ConfigSpec | None:
        """The asset called ``name``, or None."""
        return next((a for a in self.assets() if a.name == name), None)

    def holds(self, role: Role | str) -> bool:
        """Whether the organisation holds ``role`` (a `Role` or its value, e.g. ``developer``)."""
        return any(held.value == role for held in self.roles)

    def excluded(self, provision: str) -> Exclusion | None:
        """The exclusion of ``provision``, or None when it is not excluded."""
        return next((e for e in self.exclusions if e.provision == provision), None)


__all__ = [
    "IN_HOUSE_SOURCES",
    "SCHEMA_VERSION",
    "BriefingRole",
    "ConfigSpec",
    "ConsoleSpec",
    "CustodianRequirement",
    "DataSource",
    "DatasetSpec",
    "DocumentsSpec",
    "EmbeddingsGuardSpec",
    "EvidenceRules",
    "Exclusion",
    "GatewayModelRoute",
    "GatewayPolicies",
    "GatewayRoleSpec",
    "GatewayRoute",
    "GatewaySpec",
    "GuardAction",
    "GuardName",
    "GuardRoleSpec",
    "GuardRouteSpec",
    "GuardRoutesSpec",
    "GuardScannerSpec",
    "GuardsSpec",
    "Manifest",
    "Modality",
    "ModelCard",
    "ModelFormat",
    "ModelSpec",
    "MonitoringSpec",
    "People",
    "Person",
    "PredictGuardSpec",
    "PromptSpec",
    "RedteamSpec",
    "RetrievalSpec",
    "RiskAppetite",
    "RiskReporting",
    "Sensitivity",
    "StreamingMode",
    "TimeoutOutcome",
    "ToolKind",
    "ToolSpec",
    "UpstreamSpec",
]
