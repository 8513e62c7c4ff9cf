"""Model supply-chain scanning: files that run code when loaded, and vulnerable dependencies.

Formats are detected by content; pickles (raw, PyTorch, joblib, NumPy) are simulated opcode by
opcode and every import is decided by a reviewed allow-list; Keras, ONNX, GGUF and
safetensors have their own checks; containers are read leniently within limits. Nothing is
ever executed, imported or unpickled.

    >>> from pathlib import Path
    >>> from sai.scanning import ScanSettings, scan_paths
    >>> results = scan_paths([Path("models")], ScanSettings())   # doctest: +SKIP
    >>> [(r.path, r.verdict.value) for r in results]             # doctest: +SKIP

The ledger, policy, OSV and SARIF parts load on first use, so that the scanner alone
(``python -m sai.scanning``) starts fast in CI pipelines and pre-commit hooks.
"""

from sai._lazy import lazy_attributes
from sai.scanning.detect import Format, detect
from sai.scanning.engine import ScanSettings, scan_bytes, scan_file, scan_paths
from sai.scanning.formats import SCANNERS, ScanLimits
from sai.scanning.pickle import AllowList, PickleLimits, default_allowlist
from sai.scanning.result import ArtifactResult, Finding, ScanVerdict, Severity
from sai.scanning.rules import RULES

_LAZY = {
    "AuditResult": "deps",
    "audit": "deps",
    "installed_packages": "deps",
    "audit_with": "deps",
    "load_advisories": "deps",
    "Policy": "policy",
    "load_policy": "policy",
    "AUDIT_KIND": "record",
    "DECISION_KIND": "record",
    "SCAN_KIND": "record",
    "audit_evidence": "record",
    "is_external": "record",
    "record_scans": "record",
    "to_sarif": "sarif",
}


__getattr__ = lazy_attributes(__name__, _LAZY)


__all__ = [
    "AUDIT_KIND",
    "DECISION_KIND",
    "RULES",
    "SCANNERS",
    "SCAN_KIND",
    "AllowList",
    "ArtifactResult",
    "AuditResult",
    "Finding",
    "Format",
    "PickleLimits",
    "Policy",
    "ScanLimits",
    "ScanSettings",
    "ScanVerdict",
    "Severity",
    "audit",
    "audit_evidence",
    "audit_with",
    "default_allowlist",
    "detect",
    "installed_packages",
    "is_external",
    "load_advisories",
    "load_policy",
    "record_scans",
    "scan_bytes",
    "scan_file",
    "scan_paths",
    "to_sarif",
]
