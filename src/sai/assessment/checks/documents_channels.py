"""5.1.1-2.1: security updates reach staff through more than one channel.

A security update is an advisory (`sai docs advisory`, ``document.advisory``). Two channels
are measured: the updates feed (Atom, with the CSAF files and the updates page), which carries
an advisory once a ``document.published`` of the feed follows it; and the role briefings
staff read and acknowledge, which carry it once a published briefing version lists it in its
facts. Every advisory of the review period must have reached both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import ClassVar

from sai.assessment.checks._documents import READS
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.documents.briefings import briefing_name
from sai.ledger import Entry
from sai.ledger.kinds import DocumentAdvisory, DocumentBuilt, DocumentPublished, Kind, PayloadError
from sai.ledger.measured import EvidenceReader
from sai.manifest.documents_spec import BriefingRole

FEED = "updates-feed"
PUBLISH = "run `sai docs build`, then `sai docs publish`"


def _published_versions(reader: EvidenceReader, name: str) -> dict[int, int]:
    """Version → the first entry that published it, for document ``name``."""
    out: dict[int, int] = {}
    for entry in reader.query(kind=Kind.DOCUMENT_PUBLISHED, subject=name):
        try:
            out.setdefault(DocumentPublished.from_evidence(entry.evidence).version, entry.index)
        except PayloadError:
            continue
    return out


def briefed(reader: EvidenceReader, names: Iterable[str]) -> dict[str, list[int]]:
    """Advisory id → the entries of the published briefing versions that list it."""
    found: dict[str, list[int]] = {}
    for name in names:
        published = _published_versions(reader, name)
        for entry in reader.query(kind=Kind.DOCUMENT_BUILT, subject=name):
            try:
                built = DocumentBuilt.from_evidence(entry.evidence)
            except PayloadError:
                continue
            shown = published.get(built.version)
            if shown is None:
                continue
            listed = built.facts.get("advisories")
            for advisory in listed if isinstance(listed, list | tuple) else ():
                if isinstance(advisory, Mapping) and "id" in advisory:
                    found.setdefault(str(advisory["id"]), []).append(shown)
    return found


def _advisories(ctx: CheckContext, since: dt.datetime) -> list[tuple[Entry, DocumentAdvisory]]:
    out = []
    for entry in ctx.evidence.query(kind=Kind.DOCUMENT_ADVISORY, since=since):
        try:
            out.append((entry, DocumentAdvisory.from_evidence(entry.evidence)))
        except PayloadError:
            continue
    return out


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class UpdatesReachStaff(Check):
    """5.1.1-2.1: each advisory of the period went out in the feed and in the briefings."""

    name = "documents.update_channels"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.1-2.1",)
    reads: ClassVar[tuple[Kind, ...]] = (*READS, Kind.DOCUMENT_ADVISORY)
    sufficiency: ClassVar[str] = (
        "every advisory recorded in the last documents.review_days (at least one) reached "
        "two channels: the updates feed published after it, and a published role briefing "
        "version that lists it"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        days = ctx.manifest.documents.review_days
        advisories = _advisories(ctx, ctx.now - dt.timedelta(days=days))
        used = [ctx.manifest_entry, *(e.index for e, _ in advisories)]
        if not advisories:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no advisory in the last {days} days, so no channel can be judged; issue the "
                "next security update with `sai docs advisory`",
                used,
            )
        feeds = [e.index for e in ctx.evidence.query(kind=Kind.DOCUMENT_PUBLISHED, subject=FEED)]
        briefings = briefed(ctx.evidence, (briefing_name(r) for r in BriefingRole))
        short = []
        for entry, advisory in advisories:
            in_feed = next((i for i in feeds if i > entry.index), None)
            in_briefing = briefings.get(advisory.advisory_id, [])
            used += [i for i in (in_feed, *in_briefing[:1]) if i is not None]
            reached = (("feed", in_feed is not None), ("briefings", bool(in_briefing)))
            missing = [channel for channel, ok in reached if not ok]
            if missing:
                short.append(f"{advisory.advisory_id} (not in the {' or '.join(missing)})")
        if short:
            return self.result(
                provision,
                Verdict.FAIL,
                f"advisories that reached fewer than two channels: {listing(short)}; {PUBLISH}",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{_count(len(advisories), 'advisory', 'advisories')} of the last {days} days, each "
            "in the updates feed and in a published role briefing",
            used,
        )


__all__ = ["UpdatesReachStaff", "briefed"]
