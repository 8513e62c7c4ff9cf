"""What the renderers show, computed once from a parsed report: evidence decoded, rows grouped.

Rendering never verifies; it shows what the report says and marks what it cannot decode, so a
damaged report still renders and `sai verify` is where trust is decided.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from sai.assessment.report._executive import Executive, executive, summarise
from sai.assessment.report.schema import IcsRow, Principle, Report, Result
from sai.errors import SaiError
from sai.ledger.canonical import canonical_json, parse_canonical
from sai.ledger.checkpoint import Checkpoint
from sai.ledger.entry import Evidence, format_time
from sai.ledger.merkle import leaf_hash
from sai.ledger.note import SignedNote


@dataclass(frozen=True)
class EvidenceView:
    """One evidence item of the report, decoded for display."""

    index: int
    leaf_hash: str
    entry: Evidence | None
    problem: str | None

    @property
    def demo(self) -> bool:
        return self.entry is not None and self.entry.data.get("demo") is True

    @property
    def time(self) -> str:
        return format_time(self.entry.time) if self.entry else ""

    @property
    def summary(self) -> str:
        """The entry's data in words (see `summarise`)."""
        return summarise(self.entry.data) if self.entry is not None else ""

    @property
    def data_json(self) -> str:
        """The entry's data, pretty-printed with sorted keys."""
        if self.entry is None:
            return ""
        plain = parse_canonical(canonical_json(self.entry.data))
        return json.dumps(plain, indent=2, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class ProvisionView:
    """An applicable provision: its ICS row, its result, and the evidence it cites."""

    row: IcsRow
    result: Result | None
    evidence: tuple[tuple[int, EvidenceView | None], ...]


@dataclass(frozen=True)
class PrincipleView:
    """One principle's summary and its applicable provisions."""

    principle: Principle
    provisions: tuple[ProvisionView, ...]

    @property
    def applicable(self) -> int:
        counts = self.principle.counts
        return counts.pass_ + counts.fail + counts.inconclusive

    def share(self, verdict: str) -> float:
        """The percentage of applicable provisions with ``verdict``, for the stacked bar."""
        counts = self.principle.counts
        count = {"pass": counts.pass_, "fail": counts.fail, "inconclusive": counts.inconclusive}
        return round(100.0 * count[verdict] / self.applicable, 3) if self.applicable else 0.0


@dataclass(frozen=True)
class CheckpointView:
    """The checkpoint body as the report states it (origin, tree size, root hash in base64,
    the encoding of the checkpoint note, `sai ledger verify` and `sai verify`)."""

    origin: str
    size: str
    root: str


@dataclass(frozen=True)
class ReportView:
    report: Report
    checkpoint: CheckpointView
    principles: tuple[PrincipleView, ...]
    excluded: tuple[IcsRow, ...]
    not_applicable: tuple[IcsRow, ...]
    evidence: tuple[EvidenceView, ...]
    executive: Executive

    @property
    def has_demo_data(self) -> bool:
        return any(item.demo for item in self.evidence)


def decode_evidence(index: int, leaf: str) -> EvidenceView:
    """Decode one evidence item; a bad leaf becomes a view with ``problem`` set."""
    try:
        raw = base64.b64decode(leaf.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return EvidenceView(index, "", None, "the leaf is not valid base64")
    digest = leaf_hash(raw).hex()
    try:
        entry = Evidence.from_leaf_bytes(raw)
    except SaiError as exc:
        return EvidenceView(index, digest, None, f"the leaf is not an evidence entry: {exc}")
    return EvidenceView(index, digest, entry, None)


def checkpoint_body(note: str) -> CheckpointView:
    """Origin, size and root (base64) of the checkpoint note, parsed but not verified."""
    try:
        checkpoint = Checkpoint.parse(SignedNote.from_bytes(note.encode("utf-8")).text)
    except (SaiError, UnicodeEncodeError):
        return CheckpointView(origin="(unreadable checkpoint)", size="", root="")
    return CheckpointView(
        origin=checkpoint.origin,
        size=str(checkpoint.size),
        root=base64.b64encode(checkpoint.root).decode("ascii"),
    )


def build_view(report: Report) -> ReportView:
    """Group the report for rendering: principles with their provisions, exclusions, evidence."""
    first = {item.index: item for item in reversed(report.evidence)}
    evidence = tuple(decode_evidence(i, first[i].leaf) for i in sorted(first))
    by_index = {item.index: item for item in evidence}
    by_provision = {result.provision: result for result in report.results}
    principles = []
    for principle in report.principles:
        rows = [
            row
            for row in report.ics
            if row.principle == principle.number and row.status == "applicable"
        ]
        provisions = []
        for row in rows:
            result = by_provision.get(row.provision)
            cited = result.evidence if result else []
            provisions.append(
                ProvisionView(row, result, tuple((i, by_index.get(i)) for i in cited))
            )
        principles.append(PrincipleView(principle, tuple(provisions)))
    return ReportView(
        report=report,
        checkpoint=checkpoint_body(report.ledger.checkpoint),
        principles=tuple(principles),
        excluded=tuple(row for row in report.ics if row.status == "excluded"),
        not_applicable=tuple(row for row in report.ics if row.status == "not-applicable"),
        evidence=evidence,
        executive=executive(report, {item.index: item.entry for item in evidence}),
    )


__all__ = [
    "CheckpointView",
    "EvidenceView",
    "PrincipleView",
    "ProvisionView",
    "ReportView",
    "build_view",
    "checkpoint_body",
    "decode_evidence",
]
