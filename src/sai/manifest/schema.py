"""The pydantic schema of `sai.yaml`: the AI system under assessment for EN 304 223.

Every model forbids unknown keys, so a misspelt key is an error rather than a silently ignored
setting. Field docstrings are the reference text (see docs/manifest.md for the provisions each
field informs). The parts live in `*_spec` modules (assets, people, gateway, guards, ...); this
module holds the whole `Manifest` and re-exports every part. Checks that span fields or touch
the file system (unique names, known datasets, files that exist) live in
`sai.manifest._semantic` and run on every load.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from sai.catalog import Role
from sai.manifest._types import (
    STRICT_MODEL,
    Line,
    ProvisionIdText,
    Sentence,
    StrictText,
    Text,
    invalid,
)
from sai.manifest.assets_spec import (
    IN_HOUSE_SOURCES,
    ConfigSpec,
    DatasetSpec,
    DataSource,
    ModelCard,
    ModelFormat,
    ModelSpec,
    PromptSpec,
    Sensitivity,
)
from sai.manifest.console_spec import ConsoleSpec, CustodianRequirement, TimeoutOutcome
from sai.manifest.disposed_spec import AssetKind, DisposedAsset
from sai.manifest.documents_spec import BriefingRole, DocumentsSpec
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
from sai.manifest.people_spec import People, Person, RiskReporting
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


def _schema_version(value: object) -> object:
    if type(value) is not int or value != SCHEMA_VERSION:
        invalid(
            f"unsupported schema version {value!r}",
            f"this release of sai reads `version: {SCHEMA_VERSION}`",
        )
    return value


class _Strict(BaseModel):
    model_config = STRICT_MODEL


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
    disposed: list[DisposedAsset] = []
    """Assets disposed of: `sai dispose` moves an entry here from its section (5.5.1)."""

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
    "AssetKind",
    "BriefingRole",
    "ConfigSpec",
    "ConsoleSpec",
    "CustodianRequirement",
    "DataSource",
    "DatasetSpec",
    "DisposedAsset",
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
