"""5.1.2-5.1: staff are encouraged to report AI security risks, with safeguards in place.

What a machine can verify: sai.yaml names a reporting channel and the safeguards for
reporters (``people.risk_reporting``), every role briefing in use states them, is published
and current, and every briefed person acknowledged it within documents.review_days. What it
cannot: that the safeguards hold in practice. That remains a person's attestation of 5.1.2-5.1,
which this check reads as an additional input and cites.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar

from sai.assessment.checks._documents import READS, published
from sai.assessment.checks.attestation import decide_by_attestation
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.documents.awareness import awareness
from sai.documents.briefings import briefing_name
from sai.ledger.kinds import Kind
from sai.manifest.documents_spec import BriefingRole


class RiskReportingEncouraged(Check):
    """5.1.2-5.1: the reporting channel and its safeguards reach every briefed person."""

    name = "documents.risk_reporting"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-5.1",)
    reads: ClassVar[tuple[Kind, ...]] = (*READS, Kind.DOCUMENT_ACK, Kind.ATTESTATION)
    attested: ClassVar[bool] = True
    sufficiency: ClassVar[str] = (
        "people.risk_reporting names a channel and safeguards; every role briefing in use is "
        "published, not stale and states them; every person with a briefing role "
        "acknowledged its current version within documents.review_days; and a current "
        "attestation of 5.1.2-5.1 that the safeguards are in place"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        used = [ctx.manifest_entry]
        reporting = ctx.manifest.people.risk_reporting
        people = [p for p in ctx.manifest.people.owners if p.briefing_role is not None]
        if reporting is None or not people:
            missing = (
                "people.risk_reporting (channel, safeguards)"
                if reporting is None
                else ("a person with a briefing role in people.owners")
            )
            return self.result(
                provision, Verdict.INCONCLUSIVE, f"sai.yaml has no {missing}; add it", used
            )
        wanted = {"channel": reporting.channel, "safeguards": reporting.safeguards}
        current: dict[BriefingRole, int] = {}
        for role in sorted({p.briefing_role for p in people if p.briefing_role is not None}):
            st = published(self, provision, ctx, briefing_name(role))
            if isinstance(st, CheckResult):
                return st
            assert st.built is not None
            used += st.entries()
            shown = st.built[1].facts.get("reporting")
            if not isinstance(shown, Mapping) or dict(shown) != wanted:
                return self.result(
                    provision,
                    Verdict.FAIL,
                    f"the {role.value} briefing does not state the reporting channel and "
                    "safeguards of sai.yaml; run `sai docs build`, then `sai docs publish`",
                    used,
                )
            current[role] = st.built[0].index
        days = ctx.manifest.documents.review_days
        read = awareness(ctx.ledger, ctx.manifest, current, since=ctx.now - dt.timedelta(days=days))
        used += [i for _, i in read.acknowledged]
        if read.missing:
            return self.result(
                provision,
                Verdict.FAIL,
                f"not acknowledged within {days} days: {listing(list(read.missing))}; each "
                "runs `sai docs ack --person NAME --role ROLE` after reading",
                used,
            )
        stated = decide_by_attestation(provision, ctx)
        used += stated.evidence
        told = f"the channel ({reporting.channel}) reaches every briefed person ({len(people)})"
        if stated.verdict is not Verdict.PASS:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{told}; that the safeguards are in place needs a person's statement: "
                f"{stated.reason}",
                used,
            )
        return self.result(provision, Verdict.PASS, f"{told}; safeguards {stated.reason}", used)


__all__ = ["RiskReportingEncouraged"]
