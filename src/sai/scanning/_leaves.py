"""``scan.result`` leaves built directly, for the many entries one `sai scan` records.

`sai.scanning.record.scan_entry_evidence` builds a typed `ScanResult` payload, converts it to
data and makes `Evidence` of it, which checks every field and encodes the canonical leaf: per
file, that costs as much as scanning a small pickle, and its modules cost more to load than
scanning a large checkpoint. `scan_leaf` writes the same leaf from the same values as one
string (the keys in canonical order, each string quoted by the JSON encoder's own function),
for the inputs whose validity it can see at a glance: a subject of 1 to 512
characters without control characters, sizes within canonical JSON's integers, and text that
UTF-8 can encode (a lone surrogate fails the encoding). For anything else it returns None and
the caller takes the validated path, which accepts or refuses it as always.

tests/scanning/test_scan_leaves.py proves the bytes equal the validated path's, for a fixed
batch and for generated results; a change to the leaf layout or to the `ScanResult` payload
must change both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from json.encoder import encode_basestring as _quote
from pathlib import Path
from typing import Any

from sai import __version__
from sai.ledger.canonical import MAX_SAFE_INTEGER, plain_text
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
_ACTOR = plain_text(ACTOR)
_KIND = plain_text(SCAN_KIND)
_ORIGIN = plain_text({"control": SCAN_CONTROL, "sai": __version__})
_PROVISIONS = {p: plain_text(list(p)) for p in (EXTERNAL_PROVISIONS, IN_HOUSE_PROVISIONS)}


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


def _array(items: Sequence[object]) -> str:
    """A list or tuple as canonical JSON text (most are empty)."""
    return plain_text(list(items)) if items else "[]"


def _text(value: object) -> str:
    """A value of a plain type as canonical JSON text (TypeError for any other type)."""
    if value is None:
        return "null"
    if type(value) is int:
        return str(value)
    return _quote(value) if isinstance(value, str) else plain_text(value)


# NOTE: all entries of one scan share one moment (`scan_entries`): formatted once, not per file.
@lru_cache(maxsize=1)
def _stamp(moment: datetime) -> str:
    return format_time(moment)


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
    findings: list[dict[str, Any]] = []
    dangerous = unknown = 0
    if result.findings:
        findings, dangerous, unknown = _findings(result, Path(result.path).name)
    moment = datetime.now(UTC) if time is None else time.astimezone(UTC)
    external = model is None or not model.in_house
    provisions = EXTERNAL_PROVISIONS if external else IN_HOUSE_PROVISIONS
    # NOTE: the keys in code-point order, as canonical JSON sorts them
    try:
        data = (
            f'{{"dangerous_total":{dangerous},"digest":{_quote(result.digest)},'
            f'"findings":{_array(findings)},"findings_total":{len(result.findings)},'
            f'"format":{_quote(result.format)},"inner_formats":{_array(result.inner_formats)},'
            f'"model":{_text(model.name if model is not None else None)},'
            f'"part_of":{_text(result.part_of or None)},"path":{_quote(path)},'
            f'"policy":{_text(policy)},"size":{size},'
            f'"source":{_text(model.source if model is not None else None)},'
            f'"unknown_total":{unknown},"verdict":{_quote(result.verdict.value)}}}'
        )
        leaf = (
            f'{{"actor":{_ACTOR},"attachments":[],"data":{data},"kind":{_KIND},'
            f'"origin":{_ORIGIN},"provisions":{_PROVISIONS[provisions]},'
            f'"subject":{_quote(subject)},"time":"{_stamp(moment)}","v":{LEAF_VERSION}}}'
        )
        encoded = leaf.encode("utf-8")
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
