"""Threat-model checks (principle 3, 5.1.2-1): the model exists, is reviewed, covers AI attack
classes, is redone after changes, restricts unused capabilities, and treats every risk.

They read the ``threats.model`` and ``threats.review`` entries of `sai threats` (see
`_threats_common`). A model changed after its review is stale: 5.1.3-1.1 fails naming the
changes, the others are inconclusive until the model is reviewed again. 5.1.3-4 (monitoring
in line with the risk appetite) waits for the monitoring package and stays with attestation.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks._threats_common import READS, ThreatState, threat_state
from sai.assessment.checks._tool_usage import DECIDE, unused_grants
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import Kind

#: ATLAS techniques 5.1.3-1 names: poisoning, membership inference, model inversion.
REQUIRED_ATLAS = {
    "AML.T0020": "data poisoning",
    "AML.T0024.000": "membership inference",
    "AML.T0024.001": "model inversion",
}
OPEN_STATUSES = ("needs sign-off", "needs justification", "needs transferee")


def reviewed_state(
    check: Check, provision: Provision, ctx: CheckContext
) -> ThreatState | CheckResult:
    """The state when a reviewed model exists with no change since; else an inconclusive."""
    state = threat_state(ctx)
    if isinstance(state, str):
        return check.result(provision, Verdict.INCONCLUSIVE, state, [ctx.manifest_entry])
    if state.review is None or state.reviewed is None:
        return check.result(
            provision,
            Verdict.INCONCLUSIVE,
            f"threat model entry {state.model.index} has no review; read it and run "
            "`sai threats review --by NAME`",
            state.used,
        )
    if state.changes:
        return check.result(
            provision,
            Verdict.INCONCLUSIVE,
            f"the threat model is stale: {state.changes_text()} after the review; run "
            "`sai threats model` and review it again",
            state.used,
        )
    if check.is_stale(state.review, ctx.now):
        return check.result(
            provision,
            Verdict.INCONCLUSIVE,
            f"the last review (entry {state.review.index}) is older than a year; review the "
            "threat model again",
            state.used,
        )
    return state


class DesignAssessed(Check):
    """5.1.2-1: a reviewed threat model weighs the design against its stated business need."""

    name = "threats.design_assessment"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-1",)
    freshness: ClassVar[timedelta | None] = timedelta(days=365)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency: ClassVar[str] = (
        "a threats.model entry with the business need stated, reviewed by a named person in "
        "the last 365 days, and no recorded change to the system since that review"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = reviewed_state(self, provision, ctx)
        if isinstance(state, CheckResult):
            return state
        if not state.payload.business_need:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "the threat model states no business need; add `business_need:` to sai.yaml "
                "and run `sai threats model`",
                state.used,
            )
        reviewer = state.reviewed.reviewer if state.reviewed else "?"
        return self.result(
            provision,
            Verdict.PASS,
            f"threat model entry {state.model.index} ({len(state.payload.threats)} threats) "
            f"weighs the design against its business need; reviewed by {reviewer}",
            state.used,
        )


class ThreatModelled(Check):
    """5.1.3-1: the reviewed model covers the AI attack classes the standard names."""

    name = "threats.model"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.3-1",)
    freshness: ClassVar[timedelta | None] = timedelta(days=365)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency: ClassVar[str] = (
        "a current threats.model reviewed within 365 days whose rules in force cover data "
        "poisoning, membership inference and model inversion (ATLAS AML.T0020, "
        "AML.T0024.000, AML.T0024.001)"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = reviewed_state(self, provision, ctx)
        if isinstance(state, CheckResult):
            return state
        covered = set(state.payload.library.atlas_covered)
        missing = [name for tid, name in REQUIRED_ATLAS.items() if tid not in covered]
        if missing:
            return self.result(
                provision,
                Verdict.FAIL,
                f"the rules in force do not cover {', '.join(missing)}; remove the "
                "suppression of those rules in threats.yaml and run `sai threats model`",
                state.used,
            )
        with_atlas = sum(bool(t.atlas) for t in state.payload.threats)
        return self.result(
            provision,
            Verdict.PASS,
            f"reviewed threat model: {len(state.payload.threats)} threats, {with_atlas} "
            f"mapped to MITRE ATLAS {state.payload.library.atlas_version}; its rules cover "
            "poisoning, membership inference and model inversion",
            state.used,
        )


class ThreatModelCurrent(Check):
    """5.1.3-1.1: no change to the system after the last review of its threat model."""

    name = "threats.current"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.3-1.1",)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency: ClassVar[str] = (
        "a threats.review entry after which the ledger shows no change to sai.yaml, a prompt, "
        "a config, a model digest or a tool's permissions that the reviewed model lacks"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = threat_state(ctx)
        if isinstance(state, str):
            return self.result(provision, Verdict.INCONCLUSIVE, state, [ctx.manifest_entry])
        if state.review is None or state.reviewed is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "the threat model was never reviewed; run `sai threats review --by NAME`",
                state.used,
            )
        if state.changes:
            return self.result(
                provision,
                Verdict.FAIL,
                f"changed after the last review (entry {state.review.index}): "
                f"{state.changes_text()}; run `sai threats model` and `sai threats review`",
                state.used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"no recorded change since the review (entry {state.review.index}) of threat "
            f"model entry {state.reviewed.model_entry}",
            state.used,
        )


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


__all__ = [
    "DesignAssessed",
    "RisksTreated",
    "ThreatModelCurrent",
    "ThreatModelled",
    "UnusedCapabilities",
    "reviewed_state",
]
