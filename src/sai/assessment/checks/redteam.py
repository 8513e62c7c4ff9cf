"""Red-team checks (principle 9; 5.2.3-3, 5.4.1-2, 5.1.2-2): tested, current, within the gate.

Every check reads the ``redteam.run`` entries sai.redteam wrote (never a person's statement)
and judges only a *current* run: complete, younger than ``redteam.gate.max_age_days``, bound
to the model version, prompt version and gateway policy that run now. The manifest and the
ledger give the running version: the model's major version from sai.yaml, the prompt's latest
``prompt.version`` entry, the policy digest of the gateway and guard sections, and an
``asset.changed`` of the model recorded by the inventory after the run (a new digest). The
policy checks call the same function as `sai redteam gate`, so the gate and
`sai assess --fail-on` agree. The coverage checks (leakage, influence, adversarial
robustness) live in `sai.assessment.checks.redteam_coverage`, re-exported here.
"""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks._redteam_runs import RedteamCheck
from sai.assessment.checks.base import CheckContext, listing
from sai.assessment.checks.redteam_coverage import (
    RedteamAdversarialRobustness,
    RedteamOutputInfluence,
    RedteamOutputLeakage,
)
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import Kind
from sai.redteam.gate import decide


class RedteamReleaseGate(RedteamCheck):
    """The running version was red-teamed and meets the release gate."""

    name = "redteam.release_gate"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.3-3", "5.2.5-1", "5.2.5-2", "5.4.1-2")
    sufficiency: ClassVar[str] = (
        "a complete redteam.run by sai bound to the current model digest, model major version, "
        "prompt version and gateway policy, younger than redteam.gate.max_age_days, plus one "
        "per redteam.classic model, all within redteam.gate"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        runs, early = self.runs(provision, ctx)
        if early is not None:
            return early
        spec = ctx.manifest.redteam
        decision = decide([(e, None) for e in runs], spec.gate, ctx.now, developers=spec.developers)
        used = [ctx.manifest_entry, *decision.entries]
        if decision.broken:
            return self.result(
                provision,
                Verdict.FAIL,
                f"the release gate is broken: {listing(list(decision.broken), 3)}; fix the "
                f"findings and test again, or change redteam.gate with a reason",
                used,
            )
        missing = [
            c.model
            for c in spec.classic
            if not any(
                e.evidence.data.get("kind") == "classic"
                and (e.evidence.data.get("binding") or {}).get("model_asset") == c.model
                for e in runs
            )
        ]
        if missing:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no classic-model attack run for {', '.join(missing)}; run `sai redteam attack "
                "--model NAME --out DIR`",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(runs)} current red-team run(s) meet the release gate "
            f"(worst severity allowed: {spec.gate.max_severity.value})",
            used,
        )


class RedteamIndependent(RedteamCheck):
    """The current runs were made by someone outside the developers named in sai.yaml."""

    name = "redteam.independent"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.5-2.1",)
    sufficiency: ClassVar[str] = (
        "current redteam.run entries whose tester is not among redteam.developers "
        "(a non-empty list)"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        runs, early = self.runs(provision, ctx)
        if early is not None:
            return early
        used = [ctx.manifest_entry, *(e.index for e in runs)]
        developers = ctx.manifest.redteam.developers
        if not developers:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml names no developers, so independence cannot be judged; list them in "
                "redteam.developers",
                used,
            )
        testers = sorted({str(e.evidence.data.get("tester")) for e in runs})
        inside = [t for t in testers if t in developers]
        if inside:
            return self.result(
                provision,
                Verdict.FAIL,
                f"the current runs were made by developer(s) {', '.join(inside)}; have someone "
                "outside redteam.developers run them (SAI_AUTHOR names the tester)",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"tested by {', '.join(testers)}, none of them among the {len(developers)} developers",
            used,
        )


class RedteamShared(RedteamCheck):
    """The current LLM run was exported as a verifiable bundle for operators."""

    name = "redteam.shared"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.5-3",)
    sufficiency: ClassVar[str] = "a redteam.export entry for each current redteam.run"
    reads: ClassVar[tuple[Kind, ...]] = (*RedteamCheck.reads, Kind.REDTEAM_EXPORT)

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        runs, early = self.runs(provision, ctx)
        if early is not None:
            return early
        exports = []
        unshared = []
        for entry in runs:
            found = ctx.evidence.latest(kind=Kind.REDTEAM_EXPORT, subject=entry.evidence.subject)
            if found is None:
                unshared.append(str(entry.evidence.data.get("run_id")))
            else:
                exports.append(found.index)
        used = [ctx.manifest_entry, *(e.index for e in runs), *exports]
        if unshared:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"run(s) {', '.join(unshared)} were not exported; run `sai redteam export DIR -o "
                "bundle.json` and hand the bundle to operators",
                used,
            )
        return self.result(
            provision, Verdict.PASS, f"{len(exports)} current run(s) exported as bundles", used
        )


__all__ = [
    "RedteamAdversarialRobustness",
    "RedteamIndependent",
    "RedteamOutputInfluence",
    "RedteamOutputLeakage",
    "RedteamReleaseGate",
    "RedteamShared",
]
