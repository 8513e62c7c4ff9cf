"""``scan.result`` leaves built directly, for the many entries one `sai scan` records.

`sai.scanning.record.scan_entry_evidence` builds a typed `ScanResult` payload, converts it to
data and makes `Evidence` of it, which checks every field and encodes the canonical leaf: per
file, that costs as much as scanning a small pickle, and its modules cost more to load than
scanning a large checkpoint. `scan_leaf` writes the same leaf from the same values in one
encoding, for the inputs whose validity it can see at a glance: a subject of 1 to 512
characters without control characters, sizes within canonical JSON's integers, and text that
UTF-8 can encode (a lone surrogate fails the encoding). For anything else it returns None and
the caller takes the validated path, which accepts or refuses it as always.

tests/scanning/test_scan_leaves.py proves the bytes equal the validated path's, for a fixed
batch and for generated results; a change to the leaf layout or to the `ScanResult` payload
must change both.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sai import __version__
from sai.ledger.canonical import MAX_SAFE_INTEGER, encode_plain
from sai.ledger.prepared import LEAF_VERSION, PreparedEntry, format_time
from sai.scanning._subjects import Subjects
from sai.scanning.result import ArtifactResult, Confidence

#: The kind, actor and control of every ``scan.result`` entry (`sai.ledger.kinds.Kind`).
SCAN_KIND = "scan.result"
ACTOR = "sai-scan"
SCAN_CONTROL = "scanning.model_scan"
#: At most this many findings are stored per entry (``findings_total`` counts them all).
MAX_FINDINGS = 50
#: The entry's provisions, in the ledger's order: external (or undeclared) files and in-house.
EXTERNAL_PROVISIONS = ("5.1.2-4", "5.2.3-1")
IN_HOUSE_PROVISIONS = ("5.2.3-1",)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # sai.ledger.entry refuses them in subjects
_ORIGIN = {"control": SCAN_CONTROL, "sai": __version__}


def _findings(result: ArtifactResult, name: str) -> tuple[list[dict[str, Any]], int, int]:
    """The stored findings (capped), and the counts of blocking dangerous and unknown ones."""
    dangerous = unknown = 0
    for finding in result.findings:
        if finding.blocking():
            if finding.confidence is Confidence.dangerous:
                dangerous += 1
            elif finding.confidence is Confidence.unknown:
                unknown += 1
    stored = [
        {
            "rule": f.rule,
            "severity": f.severity.value,
            "where": f.where(name),
            "message": f.message[:300],
            "callable": f.callable or None,
            "confidence": f.confidence.value,
        }
        for f in result.findings[:MAX_FINDINGS]
    ]
    return stored, dangerous, unknown


def scan_leaf(
    result: ArtifactResult,
    subjects: Subjects,
    policy: dict[str, str] | None,
    time: datetime | None = None,
) -> PreparedEntry | None:
    """The entry `scan_entry_evidence` makes for ``result``, or None when its validity is not
    plain to see (take the validated path then). ``policy``: the policy file's path and digest."""
    path, model = subjects.of(result.path)
    subject = model.name if model is not None else path
    size = result.size
    if (
        type(subject) is not str
        or not 0 < len(subject) <= 512
        or _CONTROL.search(subject)
        or type(size) is not int
        or not -MAX_SAFE_INTEGER <= size <= MAX_SAFE_INTEGER
    ):
        return None
    name = Path(result.path).name if result.findings else ""
    findings, dangerous, unknown = _findings(result, name)
    moment = datetime.now(UTC) if time is None else time.astimezone(UTC)
    external = model is None or not model.in_house
    provisions = EXTERNAL_PROVISIONS if external else IN_HOUSE_PROVISIONS
    data = {
        "path": path,
        "digest": result.digest,
        "size": size,
        "format": result.format,
        "verdict": result.verdict.value,
        "findings_total": len(result.findings),
        "findings": findings,
        "inner_formats": list(result.inner_formats),
        "model": model.name if model is not None else None,
        "source": model.source if model is not None else None,
        "policy": policy,
        "dangerous_total": dangerous,
        "unknown_total": unknown,
        "part_of": result.part_of or None,
    }
    leaf = {
        "v": LEAF_VERSION,
        "origin": _ORIGIN,
        "kind": SCAN_KIND,
        "subject": subject,
        "provisions": list(provisions),
        "actor": ACTOR,
        "time": format_time(moment),
        "data": data,
        "attachments": [],
    }
    try:
        encoded = encode_plain(leaf)
    except (UnicodeEncodeError, TypeError, ValueError):  # e.g. a lone surrogate: the
        return None  # validated path refuses it, naming the field
    return PreparedEntry(encoded, SCAN_KIND, subject, moment, provisions)


__all__ = [
    "ACTOR",
    "EXTERNAL_PROVISIONS",
    "IN_HOUSE_PROVISIONS",
    "MAX_FINDINGS",
    "SCAN_CONTROL",
    "SCAN_KIND",
    "scan_leaf",
]
