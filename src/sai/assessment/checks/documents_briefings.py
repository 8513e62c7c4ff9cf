"""Security briefings read (5.1.1-*): everyone with a briefing role acknowledged the current
briefing of their role within the review period."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sai.assessment.checks._documents import READS, published
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.documents.awareness import awareness
from sai.documents.briefings import briefing_name
from sai.ledger.kinds import Kind
from sai.manifest.documents_spec import BriefingRole


class StaffBriefed(Check):
    """Everyone with a briefing role read the current briefing of their role in time."""

    name = "documents.awareness"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.1-1", "5.1.1-1.1", "5.1.1-2", "5.1.1-2.2")
    reads: ClassVar[tuple[Kind, ...]] = (*READS, Kind.DOCUMENT_ACK, Kind.THREATS_MODEL)
    sufficiency = (
        "each role briefing is published and not stale, and every person in people.owners "
        "with a briefing role (developers only for 5.1.1-2.2) acknowledged its current "
        "version within documents.review_days"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        roles = (BriefingRole.developer,) if provision.id == "5.1.1-2.2" else tuple(BriefingRole)
        people = [p for p in ctx.manifest.people.owners if p.briefing_role in roles]
        used = [ctx.manifest_entry]
        if not people:
            who = "developer" if len(roles) == 1 else "briefing"
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no person in people.owners has a {who} role; set people.owners[].briefing",
                used,
            )
        current: dict[BriefingRole, int] = {}
        for role in {p.briefing_role for p in people if p.briefing_role is not None}:
            st = published(self, provision, ctx, briefing_name(role))
            if isinstance(st, CheckResult):
                return st
            assert st.built is not None
            current[role] = st.built[0].index
            used += st.entries()
        days = ctx.manifest.documents.review_days
        found = awareness(
            ctx.ledger, ctx.manifest, current, since=ctx.now - dt.timedelta(days=days)
        )
        found_people = [(n, i) for n, i in found.acknowledged if any(p.name == n for p in people)]
        missing = [m for m in found.missing if any(m.startswith(p.name + " (") for p in people)]
        used += [i for _, i in found_people]
        if missing:
            return self.result(
                provision,
                Verdict.FAIL,
                f"not acknowledged within {days} days: {listing(missing)}; each runs "
                "`sai docs ack --person NAME --role ROLE` after reading",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(found_people)} of {len(people)} briefed "
            f"{'person' if len(people) == 1 else 'people'} acknowledged the current briefing "
            "of their role",
            used,
        )


__all__ = ["StaffBriefed"]
