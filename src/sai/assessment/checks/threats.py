"""Threat-model checks (principle 3, 5.1.2-1): the model exists, is reviewed, covers AI attack
classes, is redone after changes, restricts unused capabilities, and treats every risk.

They read the ``threats.model`` and ``threats.review`` entries of `sai threats` (see
`_threats_common`). A model changed after its review is stale: 5.1.3-1.1 fails naming the
changes, the others are inconclusive until the model is reviewed again. 5.1.3-4 (monitoring
in line with the risk appetite) waits for the monitoring package and stays with attestation.
The checks of unused capabilities and risk treatment live in
`sai.assessment.checks.threats_actions` (re-exported here).
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks._threats_common import READS, reviewed_state, threat_state
from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.checks.threats_actions import RisksTreated, UnusedCapabilities
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import Kind

#: ATLAS techniques 5.1.3-1 names: poisoning, membership inference, model inversion.
REQUIRED_ATLAS = {
    "AML.T0020": "data poisoning",
    "AML.T0024.000": "membership inference",
    "AML.T0024.001": "model inversion",
}


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


__all__ = [
    "DesignAssessed",
    "RisksTreated",
    "ThreatModelCurrent",
    "ThreatModelled",
    "UnusedCapabilities",
    "reviewed_state",
]
