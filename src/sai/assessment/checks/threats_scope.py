"""What the AI reaches beyond itself: tools on least privilege (5.1.2-6), outside providers
vetted (5.1.2-7) and giving assurance for the risks they carry (5.1.3-3).

Tools are judged from the current, reviewed ``threats.model`` (its least-privilege review of
each tool and the excessive-agency risk assessed for it); providers from ``threats.provider``
entries written by `sai threats provider`, current until their review-by date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from sai.assessment.checks._threats_common import READS, reviewed_state, threat_state
from sai.assessment.checks._tool_usage import DECIDE, unused_grants
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import Kind, PayloadError
from sai.ledger.kinds.threats import ThreatsProvider, ToolGrant

_BROAD = ("wildcard permission", "admin-style permission", "a shell grants")


def _grant_problem(tools: Sequence[ToolGrant]) -> str | None:
    """What is wrong with the grants as written (broad first), or None."""
    broad = [f"{t.name}: {p}" for t in tools for p in t.problems if p.startswith(_BROAD)]
    if broad:
        return (
            f"over-broad tool permissions: {listing(broad)}; grant the narrowest "
            "resource:action:scope the function needs"
        )
    unjustified = [f"{t.name}: {p}" for t in tools for p in t.problems]
    if unjustified:
        return (
            f"tool grants not justified or approved: {listing(unjustified)}; add "
            "`justification:` and `approved_by:` to the tool in sai.yaml"
        )
    return None


class ToolsLeastPrivilege(Check):
    """5.1.2-6: every tool grant is narrow, justified, approved and risk-assessed."""

    name = "threats.tool_privilege"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-6",)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency: ClassVar[str] = (
        "a current, reviewed threats.model in which every tool has permissions without "
        "wildcards or admin rights, an approver, a justification, an assessed "
        "excessive-agency risk, and no permission unused in the gateway's logged tool calls "
        "unless that risk is signed off"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = reviewed_state(self, provision, ctx)
        if isinstance(state, CheckResult):
            return state
        tools = state.payload.tools
        if not tools:
            return self.result(
                provision,
                Verdict.PASS,
                f"the reviewed threat model (entry {state.model.index}) records no tool: the "
                "AI is granted no access to other systems",
                state.used,
            )
        problem = _grant_problem(tools)
        if problem is not None:
            return self.result(provision, Verdict.FAIL, problem, state.used)
        assessed = {t.element for t in state.payload.threats if t.category == "agency"}
        missing = [t.name for t in tools if f"tool:{t.name}" not in assessed]
        if missing:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no excessive-agency risk assessed for {listing(missing)}; do not suppress "
                "SAI-T007 for tools, and run `sai threats model`",
                state.used,
            )
        usage = unused_grants(state.payload)
        if usage.open:
            return self.result(
                provision,
                Verdict.FAIL,
                f"permissions no tool call used in {usage.window}: {listing(usage.open)}; {DECIDE}",
                state.used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(tools)} tools hold narrow, justified and approved permissions, each "
            f"risk-assessed ({usage.note()})",
            state.used,
        )


def _record(ctx: CheckContext, name: str) -> tuple[Entry | None, str]:
    entry = ctx.evidence.latest(kind=Kind.THREATS_PROVIDER, subject=name)
    if entry is None:
        return None, "missing"
    try:
        payload = ThreatsProvider.from_evidence(entry.evidence)
        review_by = date.fromisoformat(payload.review_by)
    except (PayloadError, ValueError):
        return entry, "malformed"
    if review_by < ctx.now.date():
        return entry, "expired"
    if not entry.evidence.attachments:
        return entry, "no file attached"
    return entry, payload.adheres_to_en_304_223


class ProvidersVetted(Check):
    """5.1.2-7 / 5.1.3-3: each outside provider has current due diligence; for 5.1.3-3 it
    states conformance (fully or partly)."""

    name = "threats.providers"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-7", "5.1.3-3")
    reads: ClassVar[tuple[Kind, ...]] = (*READS, Kind.THREATS_PROVIDER)
    sufficiency: ClassVar[str] = (
        "a threats.provider entry before its review-by date, with the due-diligence file "
        "attached, for every provider and external model the current threat model names and "
        "every party a risk is transferred to; for 5.1.3-3 none answers 'no'"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = threat_state(ctx)
        if isinstance(state, str):
            return self.result(provision, Verdict.INCONCLUSIVE, state, [ctx.manifest_entry])
        names = list(state.payload.providers)
        names += [
            t.transferred_to
            for t in state.payload.threats
            if t.treatment == "transfer" and t.transferred_to
        ]
        names = list(dict.fromkeys(names))
        if not names:
            return self.result(
                provision,
                Verdict.PASS,
                f"threat model entry {state.model.index} names no outside provider and "
                "transfers no risk",
                state.used,
            )
        records = {n: _record(ctx, n) for n in names}
        used = [*state.used, *(e.index for e, _ in records.values() if e is not None)]
        lacking = [
            f"{n} ({s})"
            for n, (_, s) in records.items()
            if s in ("missing", "expired", "malformed", "no file attached")
        ]
        if lacking:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"providers without current due diligence: {listing(lacking)}; run `sai "
                "threats provider NAME --file F --adheres-to-en-304-223 yes|no|partly "
                "--review-by DATE`",
                used,
            )
        refused = [n for n, (_, s) in records.items() if s == "no"]
        if provision.id == "5.1.3-3" and refused:
            return self.result(
                provision,
                Verdict.FAIL,
                f"providers giving no assurance of EN 304 223: {listing(refused)}; obtain "
                "assurance (audit report, contract clause) or take the risk back",
                used,
            )
        answers = ", ".join(f"{n}: {s}" for n, (_, s) in records.items())
        return self.result(
            provision, Verdict.PASS, f"due diligence current for every provider ({answers})", used
        )


__all__ = ["ProvidersVetted", "ToolsLeastPrivilege"]
