"""`sai.yaml`, the manifest of the AI system under assessment: schema, loading, validation.

    >>> from pathlib import Path
    >>> from sai.manifest import load_manifest
    >>> loaded = load_manifest(Path("sai.yaml"))  # doctest: +SKIP
    >>> [m.name for m in loaded.manifest.models], loaded.resolve("models/x.pkl")  # doctest: +SKIP

A bad file raises `ManifestError`, whose ``problems`` give file, line, column and field of
every error at once; `validate_manifest` returns them instead of raising.
"""

from sai.manifest._paths import recording_path_probes
from sai.manifest.loader import (
    MAX_MANIFEST_BYTES,
    LoadedManifest,
    load_manifest,
    load_manifest_bytes,
    validate_manifest,
)
from sai.manifest.problems import ManifestError, Problem, Severity
from sai.manifest.schema import (
    SCHEMA_VERSION,
    ConfigSpec,
    DatasetSpec,
    DataSource,
    Exclusion,
    GatewayPolicies,
    GatewaySpec,
    Manifest,
    ModelCard,
    ModelFormat,
    ModelSpec,
    People,
    Person,
    PromptSpec,
    Sensitivity,
    UpstreamSpec,
)
from sai.manifest.writing import dump_manifest, render_starter, write_starter

__all__ = [
    "MAX_MANIFEST_BYTES",
    "SCHEMA_VERSION",
    "ConfigSpec",
    "DataSource",
    "DatasetSpec",
    "Exclusion",
    "GatewayPolicies",
    "GatewaySpec",
    "LoadedManifest",
    "Manifest",
    "ManifestError",
    "ModelCard",
    "ModelFormat",
    "ModelSpec",
    "People",
    "Person",
    "Problem",
    "PromptSpec",
    "Sensitivity",
    "Severity",
    "UpstreamSpec",
    "dump_manifest",
    "load_manifest",
    "load_manifest_bytes",
    "recording_path_probes",
    "render_starter",
    "validate_manifest",
    "write_starter",
]
