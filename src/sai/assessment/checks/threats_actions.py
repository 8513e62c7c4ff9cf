"""Acting on the threat model (5.1.3-1.2, 5.1.3-1.3): capabilities the system does not use
are restricted, and every risk has a treatment, residuals above the appetite signed off."""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks._threats_common import READS, reviewed_state
from sai.assessment.checks._tool_usage import DECIDE, unused_grants
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import Kind

OPEN_STATUSES = ("needs sign-off", "needs justification", "needs transferee")


class UnusedCapabilities(Check):
    """5.1.3-1.2: capabilities a model offers but the system does not use are restricted."""

    name = "threats.unused_capabilities"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.3-1.2",)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency: ClassVar[str] = (
        "every LLM in sai.yaml declares modalities and used_modalities, and each unused one "
        "is a risk in the current reviewed threat model with a recorded decision: disabled "
        "(avoid) or restricted, with a justification saying how; every tool permission unused "
        "in the gateway's logged tool calls is removed or signed off"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = reviewed_state(self, provision, ctx)
        if isinstance(state, CheckResult):
            return state
        llms = {
            e.get("name")
            for e in state.payload.elements
            if e.get("kind") == "model" and (e.get("facts") or {}).get("llm")
        }
        undeclared = [
            m.name
            for m in ctx.manifest.models
            if m.name in llms and not (m.modalities and m.used_modalities)
        ]
        if undeclared:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"models without modalities and used_modalities: {listing(undeclared)}; "
                "declare both in sai.yaml and run `sai threats model`",
                state.used,
            )
        unused = [t for t in state.payload.threats if t.category == "superfluous-functionality"]
        open_ = [t.element for t in unused if not t.justification]
        if open_:
            return self.result(
                provision,
                Verdict.FAIL,
                f"unused capabilities not restricted: {listing(open_)}; disable or restrict "
                "them and record how in threats.yaml (`treatment: avoid` and a justification)",
                state.used,
            )
        grants = unused_grants(state.payload)
        if grants.open:
            return self.result(
                provision,
                Verdict.FAIL,
                f"tool permissions unused in {grants.window}: {listing(grants.open)}; {DECIDE}",
                state.used,
            )
        modalities = (
            f"{len(unused)} unused capabilities, each disabled or restricted with a recorded "
            "justification"
            if unused
            else "no model in sai.yaml offers a modality the system does not use"
        )
        tools = f"; tools: {grants.note()}" if state.payload.tools else ""
        return self.result(provision, Verdict.PASS, modalities + tools, state.used)


class RisksTreated(Check):
    """5.1.3-1.3: every risk has a treatment; residuals above appetite are signed off."""

    name = "threats.risk_treatment"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.3-1.3",)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency: ClassVar[str] = (
        "a current, reviewed threats.model with a risk appetite, in which every residual risk "
        "above the appetite carries a justification and an approver"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = reviewed_state(self, provision, ctx)
        if isinstance(state, CheckResult):
            return state
        appetite, threats = state.payload.risk_appetite, state.payload.threats
        if not appetite:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no risk appetite: add `risk_appetite: low|medium|high` to sai.yaml and run "
                "`sai threats model`",
                state.used,
            )
        if not threats:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "the threat model holds no threats to treat",
                state.used,
            )
        open_ = [f"{t.id} ({t.status})" for t in threats if t.status in OPEN_STATUSES]
        if open_:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{len(open_)} risks above the {appetite} appetite lack a decision: "
                f"{listing(open_)}; mitigate them, or record justification and approved_by "
                "in threats.yaml",
                state.used,
            )
        signed = sum(t.status == "accepted above appetite" for t in threats)
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(threats)} risks are within the {appetite} appetite or signed off "
            f"({signed} accepted with an approver)",
            state.used,
        )


__all__ = ["OPEN_STATUSES", "RisksTreated", "UnusedCapabilities"]
