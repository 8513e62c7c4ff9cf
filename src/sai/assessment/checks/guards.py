"""Input guards on runtime inputs (5.2.1-4.1): configured, and measured with acceptable errors.

Reads the effective guard policy of every gateway route and role (``guards`` with its
per-route and per-role sections, resolved as the gateway does). Fails when a role may call a
route that takes text (chat, completions, embeddings) on which no input scanner runs, or a
chat or completions route on which the injection scanner does not run. Otherwise passes when
the latest ``guard.evaluation`` of the injection scanner (``sai guard eval DATA --record``) is
current and shows an F1 of at least 0.90 with a false-positive rate of at most 5%. Roles with
``guards: false`` (trusted automation) are named in the reason, not failed. The training-data
side of 5.2.1-4.1 must hold too: every training dataset screened at its current digest
(``sai data screen``, see checks/data_screens.py); its failure or gap decides the verdict.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.checks.data_screens import data_screen_status
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import GuardEvaluation, Kind
from sai.manifest import Manifest
from sai.manifest.guard_policy import TEXT_INPUT, resolve_guards
from sai.manifest.schema import GatewayRoute, GuardName

MIN_F1_BP = 9_000
MAX_FPR_BP = 500
_INJECTABLE = (GatewayRoute.chat, GatewayRoute.completions)


def _policy_gaps(manifest: Manifest) -> tuple[list[str], list[str], list[str]]:
    """Routes (with role) that take text unscanned, that skip injection, and roles that run
    no guards at all; only routes the role may call count."""
    unscanned: list[str] = []
    no_injection: list[str] = []
    unguarded: set[str] = set()
    roles = manifest.gateway.roles
    for (route, role), policy in resolve_guards(manifest.guards, manifest.gateway).items():
        if route not in TEXT_INPUT or route not in roles[role].routes:
            continue
        where = f"{route.value} (role {role})"
        if not policy.enabled:
            unguarded.add(role)
        elif not policy.input:
            unscanned.append(where)
        elif route in _INJECTABLE and GuardName.injection not in policy.input:
            no_injection.append(where)
    return unscanned, no_injection, sorted(unguarded)


def _gap_reason(unscanned: list[str], no_injection: list[str]) -> str | None:
    if unscanned:
        return (
            f"routes that take text run no input scanner: {', '.join(unscanned)}; list "
            "scanners in guards.input or the route's guards.routes.<route>.input"
        )
    if no_injection:
        return (
            f"the injection scanner does not run on the input of {', '.join(no_injection)}; "
            "add `injection` to guards.input (or the route's guards.routes.<route>.input, or "
            "the role's guards.roles.<role>.add_input)"
        )
    return None


class InputGuardsEvaluated(Check):
    """The injection guard is configured on inputs and its measured error rates are acceptable."""

    name = "guards.input_evaluated"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.GUARD_EVALUATION,
        Kind.DATA_SCREENED,
        Kind.DATA_PROVENANCE,
        Kind.DATA_VERIFIED,
        Kind.ASSET_CHANGED,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.2.1-4.1",)
    freshness = timedelta(days=90)
    sufficiency = (
        "the injection guard configured on every text route, and an evaluation by sai from "
        "the last 90 days on at least `evidence.min_guard_examples` (200, never below 100) "
        "labelled examples with a quarter of that of each class, F1 >= 90% and FPR <= 5%; "
        "and a data.screened entry for every training dataset at its current digest without "
        "trigger-token, hidden-instruction or secret findings"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        data = data_screen_status(ctx)
        if data.verdict is Verdict.FAIL:
            return self.result(
                provision, Verdict.FAIL, data.reason, [ctx.manifest_entry, *data.evidence]
            )
        result = self._guards(provision, ctx)
        if result.verdict is not Verdict.PASS:
            return result
        used = [*result.evidence, *data.evidence]
        if data.verdict is not None:
            return self.result(provision, data.verdict, data.reason, used)
        return self.result(provision, Verdict.PASS, f"{result.reason}; {data.reason}", used)

    def _guards(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        unscanned, no_injection, unguarded = _policy_gaps(ctx.manifest)
        gap = _gap_reason(unscanned, no_injection)
        if gap is not None:
            return self.result(provision, Verdict.FAIL, gap, [ctx.manifest_entry])
        entry = self.current(
            provision,
            ctx,
            Kind.GUARD_EVALUATION,
            subject="guards.injection",
            run="measure the injection guard with `sai guard eval YOUR-DATA.jsonl --record`",
            used=[ctx.manifest_entry],
        )
        if isinstance(entry, CheckResult):
            return entry
        used = [ctx.manifest_entry, entry.index]
        metrics = GuardEvaluation.from_evidence(entry.evidence).metrics
        rules = ctx.manifest.evidence
        per_class = rules.min_guard_examples_per_class
        if (
            metrics.n < rules.min_guard_examples
            or metrics.positives < per_class
            or metrics.negatives < per_class
        ):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest injection-guard evaluation (entry {entry.index}) used "
                f"{metrics.n} examples ({metrics.positives} attacks, {metrics.negatives} "
                f"benign); it needs at least {rules.min_guard_examples} with {per_class} of "
                "each class (evidence.min_guard_examples); evaluate on more labelled data",
                used,
            )
        f1, fpr = metrics.f1_bp, metrics.fpr_bp
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
        trusted = f"; roles without guards: {', '.join(unguarded)}" if unguarded else ""
        return self.result(
            provision,
            Verdict.PASS,
            f"the injection guard runs on the inputs of every chat and completions route and "
            f"measured {figures} on {metrics.n} labelled examples{trusted}",
            used,
        )


__all__ = ["InputGuardsEvaluated"]
