"""The data custodian's sign-off (5.1.2-1.1) and non-public data kept out of deployments
(5.2.2-3).

5.1.2-1.1 reads ``data.approved`` (``sai data approve``): one per training dataset, for the
data as it is now (digest), its class and the intended use in the recorded sai.yaml.
5.2.2-3 reads ``env.checked`` (``sai env check ARTEFACT``): the latest check of each
artefact, which must have searched for every non-public dataset and found none of it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks._data import (
    APPROVED,
    ENV_CHECKED,
    TypedCheck,
    observed,
    training_datasets,
    typed,
)
from sai.assessment.checks.base import CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import DataApproved, EnvChecked, Kind
from sai.manifest.schema import DatasetSpec


def _outdated(ctx: CheckContext, approval: DataApproved, name: str) -> str | None:
    dataset = next(d for d in ctx.manifest.datasets if d.name == name)
    seen = observed(ctx, name)
    if seen is not None and approval.digest != seen.digest:
        return "the data changed since"
    if approval.intended_use != ctx.manifest.intended_use:
        return "the intended use changed since"
    if approval.sensitivity != str(dataset.effective_sensitivity):
        return "the sensitivity class changed since"
    return None


def sign_off_gaps(
    ctx: CheckContext, datasets: list[DatasetSpec], freshness: timedelta
) -> tuple[list[str], list[str], list[int]]:
    """Datasets without a sign-off, those whose sign-off is out of date, and entries read."""
    missing: list[str] = []
    outdated: list[str] = []
    used: list[int] = []
    for dataset in datasets:
        entry = ctx.evidence.latest(kind=APPROVED, subject=dataset.name)
        if entry is None:
            missing.append(dataset.name)
            continue
        used.append(entry.index)
        why = _outdated(ctx, typed(entry, DataApproved), dataset.name)
        if why is None and ctx.now - entry.evidence.time > freshness:
            why = "it is over a year old"
        if why:
            outdated.append(f"{dataset.name} ({why})")
    return missing, outdated, used


class CustodianApproved(TypedCheck):
    """The data custodian signed off each training dataset for the system's intended use."""

    name = "data.custodian_approved"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        APPROVED,
        Kind.DATA_PROVENANCE,
        Kind.DATA_VERIFIED,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-1.1",)
    freshness = timedelta(days=365)
    sufficiency: ClassVar[str] = (
        "a data.approved entry per training dataset, younger than a year, for its current "
        "digest, its current sensitivity class and the intended use in the recorded sai.yaml"
    )

    def decide(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        datasets = training_datasets(ctx)
        used = [ctx.manifest_entry]
        if not datasets:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no datasets for a data custodian to sign off",
                used,
            )
        missing, outdated, used_more = sign_off_gaps(ctx, datasets, self.freshness)
        used += used_more
        if missing or outdated:
            parts = [f"no sign-off for {listing(missing)}"] if missing else []
            parts += [f"sign-off out of date: {listing(outdated)}"] if outdated else []
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "; ".join(parts) + "; the "
                "custodian runs `sai data approve DATASET --statement ...`",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"the data custodian signed off all "
            f"{len(datasets)} training datasets for the current data, class and "
            "intended use",
            used,
        )


class TrainingDataSeparated(TypedCheck):
    """Deployment artefacts hold none of the non-public training data."""

    name = "data.separated"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED, ENV_CHECKED)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.2-3",)
    freshness = timedelta(days=30)
    sufficiency: ClassVar[str] = (
        "an env.checked entry younger than 30 days for at least one deployment artefact, the "
        "latest per artefact searched for every non-public dataset in sai.yaml and found none"
    )

    def decide(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        used = [ctx.manifest_entry]
        private = sorted(d.name for d in ctx.manifest.datasets if not d.public)
        if not ctx.manifest.datasets:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no datasets; "
                "nothing tells which data must stay out of deployments",
                used,
            )
        latest: dict[str, Entry] = {}
        for entry in ctx.evidence.query(kind=ENV_CHECKED):
            latest[entry.evidence.subject] = entry
        checks = {subject: typed(entry, EnvChecked) for subject, entry in latest.items()}
        if not latest:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no deployment artefact was checked; run `sai env check PATH` on what you deploy",
                used,
            )
        used += [e.index for e in latest.values()]
        leaked = [
            f"{subject}: {f.file} ({f.dataset})"
            for subject, check in checks.items()
            for f in check.findings
        ]
        if leaked:
            return self.result(
                provision,
                Verdict.FAIL,
                "non-public training data in "
                f"deployment artefacts: {listing(leaked, 3)}; remove it and run "
                "`sai env check` again",
                used,
            )
        stale = [s for s, e in latest.items() if self.is_stale(e, ctx.now)]
        partial = [
            s
            for s, e in latest.items()
            if not set(private) <= set(e.evidence.data.get("datasets") or ())
        ]
        if stale or partial:
            what = stale or partial
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the checks of "
                f"{listing(what)} are older than {self.freshness.days} days or "
                "predate datasets now in sai.yaml; run `sai env check` again",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(latest)} deployment artefacts "
            f"checked; none holds any of the {len(private)} non-public datasets",
            used,
        )


__all__ = ["CustodianApproved", "TrainingDataSeparated", "sign_off_gaps"]
