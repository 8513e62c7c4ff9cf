"""The assets of `sai.yaml`: models, datasets (with their sources and sensitivity), prompts
and configs, each a named thing the inventory hashes and the checks follow."""

from __future__ import annotations

import enum

from pydantic import BaseModel, model_validator

from sai.manifest._types import (
    ONE_OF_PATH_ENDPOINT,
    ONE_OF_URL_DESCRIPTION,
    STRICT_MODEL,
    AnyUrl,
    AssetName,
    Digest,
    Flag,
    HttpUrl,
    Line,
    Number,
    RelPath,
    StrictText,
    Text,
    When,
    invalid,
)
from sai.manifest.threats_spec import Modality


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
