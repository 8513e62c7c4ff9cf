"""Red-team coverage checks (5.2.3-3, 5.4.1-2, 5.1.2-2): current runs judged the categories of
output leakage, output influence and adversarial robustness, and kept them within the gate."""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks._redteam_runs import RedteamCheck, judged
from sai.assessment.checks.base import CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.redteam.gate import run_problems

LEAKAGE = (
    "system-prompt-extraction",
    "training-data-replay",
    "membership-inference",
    "model-extraction",
)
INFLUENCE = ("direct-injection", "indirect-injection", "excessive-agency")
ADVERSARIAL = ("jailbreak", "encoding-bypass", "direct-injection", "evasion")


class _CoverageCheck(RedteamCheck):
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
    "ADVERSARIAL",
    "INFLUENCE",
    "LEAKAGE",
    "RedteamAdversarialRobustness",
    "RedteamOutputInfluence",
    "RedteamOutputLeakage",
]
