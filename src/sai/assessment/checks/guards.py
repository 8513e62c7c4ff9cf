"""Input guards on runtime inputs (5.2.1-4.1): configured, and measured with acceptable errors.

Passes when sai.yaml's ``guards.input`` runs the injection scanner and the latest
``guard.evaluation`` of it (``sai guard eval DATA --record``) is current and shows an F1 of at
least 0.90 with a false-positive rate of at most 5%. The training-data side of 5.2.1-4.1
(poisoning screens) is evidenced by provenance entries, which this check does not replace.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision

MIN_F1_BP = 9_000
MAX_FPR_BP = 500


class InputGuardsEvaluated(Check):
    """The injection guard is configured on inputs and its measured error rates are acceptable."""

    name = "guards.input_evaluated"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.1-4.1",)
    freshness = timedelta(days=90)

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        if "injection" not in ctx.manifest.guards.input:
            return self.result(
                provision,
                Verdict.FAIL,
                "sai.yaml's guards.input does not run the injection scanner; add `injection` "
                "to guards.input",
                [ctx.manifest_entry],
            )
        entry = ctx.evidence.latest(kind="guard.evaluation", subject="guards.injection")
        if entry is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no guard.evaluation of the injection scanner in the ledger; run `sai guard "
                "eval YOUR-DATA.jsonl --record`",
                [ctx.manifest_entry],
            )
        used = [ctx.manifest_entry, entry.index]
        if self.is_stale(entry, ctx.now):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest injection-guard evaluation is older than {self.freshness.days} "
                "days; rerun `sai guard eval YOUR-DATA.jsonl --record`",
                used,
            )
        metrics = entry.evidence.data.get("metrics", {})
        f1, fpr = metrics.get("f1_bp"), metrics.get("fpr_bp")
        if not isinstance(f1, int) or not isinstance(fpr, int):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"guard.evaluation entry {entry.index} carries no f1_bp/fpr_bp figures",
                used,
            )
        figures = f"F1 {f1 / 100:.2f}%, FPR {fpr / 100:.2f}%"
        if f1 < MIN_F1_BP or fpr > MAX_FPR_BP:
            return self.result(
                provision,
                Verdict.FAIL,
                f"the injection guard measured {figures} (needs F1 >= {MIN_F1_BP / 100:.0f}% and "
                f"FPR <= {MAX_FPR_BP / 100:.0f}%); retrain, change tier or threshold in "
                "guards.scanners.injection, and re-evaluate",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"the injection guard runs on inputs and measured {figures} on "
            f"{metrics.get('n', '?')} labelled examples",
            used,
        )


__all__ = ["InputGuardsEvaluated"]
