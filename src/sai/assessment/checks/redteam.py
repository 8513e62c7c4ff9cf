"""Red-team checks (principle 9; 5.2.3-3, 5.4.1-2, 5.1.2-2): tested, current, within the gate.

Every check reads the ``redteam.run`` entries sai.redteam wrote (never a person's statement)
and judges only a *current* run: complete, younger than ``redteam.gate.max_age_days``, bound
to the model version, prompt version and gateway policy that run now. The manifest and the
ledger give the running version: the model's major version from sai.yaml, the prompt's latest
``prompt.version`` entry, the policy digest of the gateway and guard sections, and an
``asset.changed`` of the model recorded by the inventory after the run (a new digest). The
policy checks call the same function as `sai redteam gate`, so the gate and
`sai assess --fail-on` agree.
"""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks._redteam_runs import current_runs, judged
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import Kind
from sai.redteam.gate import decide, run_problems

RUN = "`sai redteam run --target ... --model ... --out DIR` in the workspace"
LEAKAGE = (
    "system-prompt-extraction",
    "training-data-replay",
    "membership-inference",
    "model-extraction",
)
INFLUENCE = ("direct-injection", "indirect-injection", "excessive-agency")
ADVERSARIAL = ("jailbreak", "encoding-bypass", "direct-injection", "evasion")


class _RedteamCheck(Check):
    """Shared: find current runs, or say what to run."""

    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.REDTEAM_RUN,
        Kind.PROMPT_VERSION,
        Kind.ASSET_CHANGED,
    )

    def runs(
        self, provision: Provision, ctx: CheckContext
    ) -> tuple[list[Entry], CheckResult | None]:
        runs, stale = current_runs(ctx)
        used = [ctx.manifest_entry, *(e.index for e in runs)]
        if not runs:
            return runs, self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no red-team run is recorded; run {RUN}",
                [ctx.manifest_entry],
            )
        if stale:
            return runs, self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest red-team runs are stale ({listing(stale, 3)}); test again with {RUN}",
                used,
            )
        return runs, None


class RedteamReleaseGate(_RedteamCheck):
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


class RedteamIndependent(_RedteamCheck):
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


class RedteamShared(_RedteamCheck):
    """The current LLM run was exported as a verifiable bundle for operators."""

    name = "redteam.shared"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.5-3",)
    sufficiency: ClassVar[str] = "a redteam.export entry for each current redteam.run"
    reads: ClassVar[tuple[Kind, ...]] = (*_RedteamCheck.reads, Kind.REDTEAM_EXPORT)

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


class _CoverageCheck(_RedteamCheck):
    """Current runs judged the given categories and kept them within the gate."""

    categories: ClassVar[tuple[str, ...]]
    needs_all: ClassVar[bool]
    what: ClassVar[str]

    def required(self, ctx: CheckContext) -> tuple[str, ...]:
        """The categories a run must have judged (all of them, or none in particular)."""
        return self.categories if self.needs_all else ()

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        runs, early = self.runs(provision, ctx)
        if early is not None:
            return early
        used = [ctx.manifest_entry, *(e.index for e in runs)]
        counts = judged(runs, self.categories)
        covered = [c for c, n in counts.items() if n]
        required = self.required(ctx)
        uncovered = [c for c, n in counts.items() if not n]
        if required:
            missing = [c for c in uncovered if c in required]
        else:
            missing = [] if covered else uncovered
        if missing:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the current runs did not test {', '.join(missing)}; include those probes "
                "(`--probes all`, with `--tools FILE.json` for an agent's tools) or attacks "
                "(`sai redteam attack`)",
                used,
            )
        policy = ctx.manifest.redteam.gate
        problems = []
        for entry in runs:
            data = entry.evidence.data
            relevant = [
                f for f in data.get("findings") or [] if f.get("category") in self.categories
            ]
            scoped = {
                **data,
                "worst_severity": max(
                    (f["severity"] for f in relevant),
                    key=["info", "low", "medium", "high", "critical"].index,
                    default=None,
                ),
                "injection_success": data.get("injection_success")
                if "direct-injection" in self.categories
                else {},
                "attacks": [
                    a for a in data.get("attacks") or [] if a.get("category") in self.categories
                ],
            }
            problems += run_problems(scoped, policy)
        if problems:
            return self.result(
                provision, Verdict.FAIL, f"{self.what}: {listing(problems, 3)}", used
            )
        shown = ", ".join(f"{c} ({counts[c]})" for c in covered)
        return self.result(
            provision, Verdict.PASS, f"{self.what} tested and within the gate: {shown}", used
        )


class RedteamOutputLeakage(_CoverageCheck):
    """Outputs were tested for leaks of the model or its training data."""

    name = "redteam.output_leakage"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.5-4",)
    categories: ClassVar[tuple[str, ...]] = LEAKAGE
    needs_all = False
    what = "leakage of model details and training data"
    sufficiency: ClassVar[str] = (
        "current runs that judged prompt extraction, training-data replay, membership inference "
        "or model extraction, with those findings and figures within redteam.gate"
    )


class RedteamOutputInfluence(_CoverageCheck):
    """Outputs were tested for unintended influence: injection, and tool calls nobody asked for
    when the system gives its model tools."""

    name = "redteam.output_influence"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.5-4.1",)
    categories: ClassVar[tuple[str, ...]] = INFLUENCE
    needs_all = True
    what = "unintended influence through injection and tool calls"
    sufficiency: ClassVar[str] = (
        "a current run that judged direct and indirect injection attempts (and excessive "
        "agency when sai.yaml lists tools), with the injection success rate and those findings "
        "within redteam.gate"
    )

    def required(self, ctx: CheckContext) -> tuple[str, ...]:
        """Injection always; excessive agency when the manifest gives the model tools."""
        if ctx.manifest.tools:
            return INFLUENCE
        return tuple(c for c in INFLUENCE if c != "excessive-agency")


class RedteamAdversarialRobustness(_CoverageCheck):
    """The system resists adversarial input: jailbreaks, smuggling, evasion."""

    name = "redteam.adversarial_robustness"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-2",)
    categories: ClassVar[tuple[str, ...]] = ADVERSARIAL
    needs_all = False
    what = "robustness to adversarial input"
    sufficiency: ClassVar[str] = (
        "current runs that judged jailbreak, smuggling or injection attempts or an evasion "
        "attack, with those findings and figures within redteam.gate"
    )


__all__ = [
    "RedteamAdversarialRobustness",
    "RedteamIndependent",
    "RedteamOutputInfluence",
    "RedteamOutputLeakage",
    "RedteamReleaseGate",
    "RedteamShared",
]
