"""5.1.3-2: the threats the developers could not resolve reach system operators, and through
them end users, with descriptions, impacts and recommended actions.

The risks are those the current, reviewed threat model marks for communication. The check
reads the published system operators' briefing and known-risks notice (not stale: their facts
are gathered again from the same threat model), finds every such risk in the briefing and
every one end users can act on in the notice, each with a description, an impact and an
action, and wants every system operator in people.owners to have acknowledged the current
briefing within documents.review_days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from sai.assessment.checks._documents import READS as DOCUMENT_READS
from sai.assessment.checks._documents import published, readable
from sai.assessment.checks._threats_common import READS as THREAT_READS
from sai.assessment.checks._threats_common import ThreatState, reviewed_state
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.documents import Status
from sai.documents.awareness import awareness
from sai.documents.briefings import briefing_name
from sai.documents.handover import communicated
from sai.documents.risk_advice import advice
from sai.ledger.kinds import Kind
from sai.manifest.documents_spec import BriefingRole

OPERATORS = BriefingRole.system_operator
NOTICE = "known-risks"
_TOLD = ("description", "impact", "action")
_TOLD_USERS = ("what", "impact", "action")


def _complete(item: Mapping[str, Any], fields: Sequence[str]) -> bool:
    return all(isinstance(item.get(f), str) and item[f].strip() for f in fields)


def _listed(value: object) -> list[Any]:
    """``value`` when it is a list (the ledger hands lists back as tuples), else nothing."""
    return list(value) if isinstance(value, list | tuple) else []


def _told(facts: Mapping[str, Any], key: str, ids: str, fields: Sequence[str]) -> set[str]:
    """The ids listed under ``ids`` by the complete items of ``facts[key]``."""
    return {
        str(i)
        for item in _listed(facts.get(key))
        if isinstance(item, Mapping) and _complete(item, fields)
        for i in _listed(item.get(ids))
    }


def _untold_operators(expected: Sequence[str], facts: Mapping[str, Any]) -> list[str]:
    """Communicated risk ids the briefing lacks or lists without description/impact/action."""
    told = _told(facts, "handed_over", "ids", _TOLD)
    return [i for i in expected if i not in told]


def _untold_users(expected: Sequence[str], facts: Mapping[str, Any]) -> list[str]:
    """Rule ids users can act on that no complete item of the notice covers."""
    told = _told(facts, "risks", "rules", _TOLD_USERS)
    return [r for r in expected if r not in told]


class ThreatsCommunicated(Check):
    """5.1.3-2: unresolved threats passed on to operators (acknowledged) and end users."""

    name = "documents.unresolved_threats"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.3-2",)
    freshness: ClassVar[dt.timedelta | None] = dt.timedelta(days=365)
    reads: ClassVar[tuple[Kind, ...]] = (
        *DOCUMENT_READS,
        *(k for k in THREAT_READS if k not in DOCUMENT_READS),
        Kind.DOCUMENT_ACK,
    )
    sufficiency: ClassVar[str] = (
        "a current, reviewed threats.model; the system operators' briefing and the "
        "known-risks notice published and not stale, every risk the model marks for "
        "communication in the briefing and every one end users can act on in the notice, "
        "each with a description, an impact and an action; each system operator in "
        "people.owners acknowledged the current briefing within documents.review_days"
    )

    def _published(
        self, provision: Provision, ctx: CheckContext, state: ThreatState
    ) -> tuple[Status, Status, list[str]] | CheckResult:
        """The current operators' briefing and notice and the operators, or why not."""
        operators = [p.name for p in ctx.manifest.people.owners if p.briefing_role is OPERATORS]
        if not operators:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no person in people.owners receives the system operators' briefing; name "
                "them with `briefing: system-operator`",
                [ctx.manifest_entry, *state.used],
            )
        briefing = published(self, provision, ctx, briefing_name(OPERATORS))
        if isinstance(briefing, CheckResult):
            return briefing
        notice = published(self, provision, ctx, NOTICE)
        if isinstance(notice, CheckResult):
            return notice
        return briefing, notice, operators

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = reviewed_state(self, provision, ctx)
        if isinstance(state, CheckResult):
            return state
        found = self._published(provision, ctx, state)
        if isinstance(found, CheckResult):
            return found
        briefing, notice, operators = found
        assert briefing.built is not None
        assert notice.built is not None
        used = [ctx.manifest_entry, *state.used, *briefing.entries(), *notice.entries()]
        risks = communicated(state.payload)
        untold = _untold_operators([r.id for r in risks], briefing.built[1].facts)
        users = list(dict.fromkeys(r.rule for r in risks if advice(r.category).user))
        gaps = [f"operators: {i}" for i in untold]
        gaps += [f"users: {r}" for r in _untold_users(users, notice.built[1].facts)]
        if gaps:
            return self.result(
                provision,
                Verdict.FAIL,
                f"risks not passed on with a description, an impact and an action: "
                f"{listing(gaps)}; run `sai docs build`, then `sai docs publish`",
                used,
            )
        hard = readable(self, provision, ctx, notice)
        if hard is not None:
            return hard
        days = ctx.manifest.documents.review_days
        current = {OPERATORS: briefing.built[0].index}
        read = awareness(ctx.ledger, ctx.manifest, current, since=ctx.now - dt.timedelta(days=days))
        acked = {n: i for n, i in read.acknowledged if n in operators}
        used += acked.values()
        missing = [n for n in operators if n not in acked]
        if missing:
            return self.result(
                provision,
                Verdict.FAIL,
                f"system operators who have not acknowledged briefing version "
                f"{briefing.built[1].version} within {days} days: {listing(missing)}; each "
                "runs `sai docs ack --person NAME --role system-operator` after reading",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(risks)} unresolved risks are in the operators' briefing (version "
            f"{briefing.built[1].version}, acknowledged by every system operator: "
            f"{listing(operators)}); "
            f"the {len(users)} threat rules end users can act on are in the known-risks "
            f"notice (version {notice.built[1].version})",
            used,
        )


__all__ = ["ThreatsCommunicated"]
