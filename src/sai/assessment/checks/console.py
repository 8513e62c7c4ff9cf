"""Principle 4 from the console's evidence: review tooling that works (5.1.4-3), outputs
explained (5.1.4-2), and every Data Custodian requirement backed by a passing verdict (5.1.4-4).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.attestation import decide_by_attestation
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision, UnknownProvisionError, load_catalog
from sai.ledger.kinds import ConsoleExplanation, ConsoleReview, Kind
from sai.manifest import Manifest

WINDOW = timedelta(days=90)
#: Share of held responses (decided plus timed out) that must be decided within the deadline.
ON_TIME_PER_MILLE = 900
_SAMPLE = 5_000
_LOCAL_FORMATS = frozenset({"sklearn-pickle", "joblib", "pickle"})


def review_configured(manifest: Manifest) -> bool:
    """Whether some guard finding holds responses for human review."""
    scanners = manifest.guards.scanners.values()
    return bool(manifest.gateway.policies.review_on) or any(
        s.action is not None and s.action.value == "review" for s in scanners
    )


class ReviewToolingWorks(Check):
    """5.1.4-3: reviewers use working tooling, and held responses are decided on time."""

    name = "console.review_tooling"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.CONSOLE_REVIEW,
        Kind.CONSOLE_REVIEW_TIMEOUT,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.1.4-3",)
    sufficiency = (
        "human review configured, console review decisions in the last 90 days, and at least "
        "90% of held responses (decisions plus timeouts) decided within their deadline"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        if not review_configured(ctx.manifest):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no guard finding sends responses to human review; set gateway.policies."
                "review_on, or exclude 5.1.4-3 if people reviewing outputs is not a risk control",
                [ctx.manifest_entry],
            )
        since = ctx.now - WINDOW
        decided = ctx.evidence.query(kind=Kind.CONSOLE_REVIEW, since=since, limit=_SAMPLE)
        timeouts = ctx.evidence.query(kind=Kind.CONSOLE_REVIEW_TIMEOUT, since=since, limit=_SAMPLE)
        if not decided:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no review decided in the console in the last 90 days; run `sai console` and "
                "decide held responses there",
                [ctx.manifest_entry, *(e.index for e in timeouts[-5:])],
            )
        late = [e for e in decided if not ConsoleReview.from_evidence(e.evidence).within_deadline]
        total = len(decided) + len(timeouts)
        on_time = len(decided) - len(late)
        per_mille = on_time * 1000 // total
        cited = [ctx.manifest_entry, decided[-1].index, *(e.index for e in [*late, *timeouts][-5:])]
        if per_mille < ON_TIME_PER_MILLE:
            return self.result(
                provision,
                Verdict.FAIL,
                f"only {on_time} of {total} held responses in the last 90 days were decided "
                f"within their deadline ({len(timeouts)} timed out, {len(late)} late); add "
                "reviewers or lengthen console.review_deadline_minutes",
                cited,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{on_time} of {total} held responses in the last 90 days were decided within "
            "their deadline in the console",
            cited,
        )


def local_models(manifest: Manifest) -> list[str]:
    """The manifest's local scikit-learn models (the ones the console can explain)."""
    return sorted(
        m.name for m in manifest.models if m.path is not None and m.format.value in _LOCAL_FORMATS
    )


class OutputsExplained(Check):
    """5.1.4-2: each local model's outputs have been explained to a person recently."""

    name = "console.explanations"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED, Kind.CONSOLE_EXPLANATION)
    provisions: ClassVar[tuple[str, ...]] = ("5.1.4-2",)
    sufficiency = (
        "a per-prediction explanation with feature attributions recorded by the console in "
        "the last 90 days for every local model in sai.yaml"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        models = local_models(ctx.manifest)
        if not models:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml has no local model whose predictions the console can explain; attest "
                "how people evaluate outputs (confidence scores, explanations)",
                [ctx.manifest_entry],
            )
        since = ctx.now - WINDOW
        cited, missing = [ctx.manifest_entry], []
        for name in models:
            found = ctx.evidence.query(
                kind=Kind.CONSOLE_EXPLANATION, subject=name, since=since, limit=1, descending=True
            )
            usable = [e for e in found if ConsoleExplanation.from_evidence(e.evidence).attributions]
            if usable:
                cited.append(usable[0].index)
            else:
                missing.append(name)
        if missing:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no explanation in the last 90 days for {listing(missing)}; explain a "
                "prediction on the Explanations page of `sai console`",
                cited,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"predictions of {listing(models)} were explained with feature attributions "
            "in the last 90 days",
            cited,
        )


class CustodianRequirementsMet(Check):
    """5.1.4-4: each control a Data Custodian asked for is backed by passing verdicts."""

    name = "custodian.requirements"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED, Kind.ATTESTATION)
    provisions: ClassVar[tuple[str, ...]] = ("5.1.4-4",)
    sufficiency = (
        "at least one custodian requirement in sai.yaml, and every provision each one is "
        "backed by passes (by its automated check, or by attestation where it has none)"
    )

    def __init__(self, registry: Callable[[], Mapping[str, Check]]) -> None:
        self._registry = registry

    def _verdict(self, provision_id: str, ctx: CheckContext) -> CheckResult | str:
        if provision_id in self.provisions:
            return "it cannot back itself"
        try:
            backing = load_catalog().get(provision_id)
        except UnknownProvisionError:
            return "no such provision"
        check = self._registry().get(backing.id)
        if check is None:
            return decide_by_attestation(backing, ctx)
        return check.run(backing, ctx)

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        wanted = ctx.manifest.custodian_requirements
        if not wanted:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml lists no custodian_requirements; ask the Data Custodians which "
                "controls they require and map each to the provisions that evidence it",
                [ctx.manifest_entry],
            )
        cited, unmet, failed = [ctx.manifest_entry], [], []
        for requirement in wanted:
            for provision_id in requirement.backed_by:
                verdict = self._verdict(provision_id, ctx)
                if isinstance(verdict, str):
                    unmet.append(f"{requirement.id} ({provision_id}: {verdict})")
                    continue
                cited.extend(verdict.evidence)
                if verdict.verdict is Verdict.FAIL:
                    failed.append(f"{requirement.id} ({provision_id} fails)")
                elif verdict.verdict is not Verdict.PASS:
                    unmet.append(f"{requirement.id} ({provision_id} is inconclusive)")
        if failed:
            return self.result(
                provision,
                Verdict.FAIL,
                f"custodian requirements not in place: {listing(failed)}",
                cited,
            )
        if unmet:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"custodian requirements not yet shown: {listing(unmet)}; run the checks or "
                "attest the provisions that back them",
                cited,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(wanted)} custodian requirements are backed by passing verdicts",
            cited,
        )


__all__ = [
    "CustodianRequirementsMet",
    "OutputsExplained",
    "ReviewToolingWorks",
    "local_models",
    "review_configured",
]
