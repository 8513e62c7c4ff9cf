"""Model supply-chain scanning: files that run code when loaded, and vulnerable dependencies.

Formats are detected by content; pickles (raw, PyTorch, joblib, NumPy) are simulated opcode by
opcode and every import is decided by a reviewed allow-list; Keras, ONNX, GGUF and
safetensors have their own checks; containers are read leniently within limits. Nothing is
ever executed, imported or unpickled.

    >>> from pathlib import Path
    >>> from sai.scanning import ScanSettings, scan_paths
    >>> results = scan_paths([Path("models")], ScanSettings())   # doctest: +SKIP
    >>> [(r.path, r.verdict.value) for r in results]             # doctest: +SKIP

Every name loads on first use (the ledger, policy, OSV and SARIF parts only when a scan
needs them), so that the scanner alone (``python -m sai.scanning``) and `sai scan` start fast
in CI pipelines and pre-commit hooks.
"""

from typing import TYPE_CHECKING

from sai._lazy import lazy_attributes

# NOTE: eager, as ``detect`` is also the name of its module (which would shadow a lazy name)
from sai.scanning.detect import Format, detect

if TYPE_CHECKING:
    from sai.scanning.deps import (
        AuditResult,
        audit,
        audit_with,
        installed_packages,
        load_advisories,
    )
    from sai.scanning.engine import ScanSettings, scan_bytes, scan_file, scan_paths
    from sai.scanning.formats import SCANNERS, ScanLimits
    from sai.scanning.pickle import AllowList, PickleLimits, default_allowlist
    from sai.scanning.policy import Policy, load_policy
    from sai.scanning.record import (
        AUDIT_KIND,
        DECISION_KIND,
        SCAN_KIND,
        audit_evidence,
        is_external,
        record_scans,
    )
    from sai.scanning.result import ArtifactResult, Finding, ScanVerdict, Severity
    from sai.scanning.rules import RULES
    from sai.scanning.sarif import to_sarif

_LAZY = {
    "ScanSettings": "engine",
    "scan_bytes": "engine",
    "scan_file": "engine",
    "scan_paths": "engine",
    "SCANNERS": "formats",
    "ScanLimits": "formats",
    "AllowList": "pickle",
    "PickleLimits": "pickle",
    "default_allowlist": "pickle",
    "ArtifactResult": "result",
    "Finding": "result",
    "ScanVerdict": "result",
    "Severity": "result",
    "RULES": "rules",
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
