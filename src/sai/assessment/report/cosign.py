"""A report's checkpoint, read and replaced: how a witness's cosignature reaches report.json.

The ``ledger`` member is outside the report digest (docs/report-format.md), so adding
signature lines to its checkpoint note changes no verdict and keeps the assessment entry's
digest valid; the checkpoint body itself must stay the same.
"""

from __future__ import annotations

from sai.assessment.report.schema import (
    ReportFormatError,
    dump_report_json,
    load_report_json,
    parse_report,
)
from sai.ledger.checkpoint import Checkpoint
from sai.ledger.note import SignedNote


def report_checkpoint(report_bytes: bytes) -> bytes:
    """The signed checkpoint note a report.json carries."""
    return parse_report(load_report_json(report_bytes)).ledger.checkpoint.encode("utf-8")


def with_checkpoint(report_bytes: bytes, note: bytes) -> bytes:
    """report.json with its checkpoint note replaced by ``note``, which must carry the same
    checkpoint (only signature lines may differ)."""
    document = load_report_json(report_bytes)
    before = Checkpoint.parse(SignedNote.from_bytes(report_checkpoint(report_bytes)).text)
    after = Checkpoint.parse(SignedNote.from_bytes(note).text)
    if before != after:
        raise ReportFormatError("the cosigned checkpoint is not the report's checkpoint")
    document["ledger"]["checkpoint"] = note.decode("utf-8")
    return dump_report_json(document).encode("utf-8")


__all__ = ["report_checkpoint", "with_checkpoint"]
