"""Sensitive training data: protected at rest (5.2.1-4) and suited to the system's use (5.1.2-5).

5.2.1-4 reads each dataset's class (sai.yaml), its latest seal state (``asset.sealed`` /
``asset.unsealed``), the file mode ``sai data verify`` observed, and the personal-data
screen. 5.1.2-5 reads who the gateway lets reach each model trained on restricted data
(roles, their routes and model patterns) and the output guards on those routes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks._data import (
    PROVENANCE,
    SCREENED,
    VERIFIED,
    TypedCheck,
    training_datasets,
    typed,
)
from sai.assessment.checks._data_reach import use_problems
from sai.assessment.checks.base import CheckContext, listing
from sai.assessment.checks.data_custody import sign_off_gaps
from sai.assessment.checks.inventory import latest_of
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import DataScreened, DataVerified, Kind
from sai.manifest.schema import DatasetSpec


def _personal_found(ctx: CheckContext, dataset: DatasetSpec) -> int | None:
    entry = ctx.evidence.latest(kind=SCREENED, subject=dataset.name)
    if entry is None:
        return None
    findings = typed(entry, DataScreened).findings
    return entry.index if any(f.screen == "personal-data" for f in findings) else None


class SensitiveDataProtected(TypedCheck):
    """Confidential and personal datasets are sealed or readable by their owner only."""

    name = "data.sensitive_protected"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.ASSET_SEALED,
        Kind.ASSET_UNSEALED,
        VERIFIED,
        SCREENED,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.2.1-4",)
    sufficiency: ClassVar[str] = (
        "every dataset classified; each confidential, personal or special-category dataset "
        "sealed (latest asset.sealed) or observed by data.verified with no group/other "
        "permissions; no personal data found by a screen in data classed public or internal"
    )

    def decide(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        datasets = ctx.manifest.datasets
        used = [ctx.manifest_entry]
        if not datasets:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no datasets; list them under `datasets:` with a `sensitivity:`",
                used,
            )
        unclassified = [d.name for d in datasets if d.effective_sensitivity is None]
        mislabelled, exposed, unknown = [], [], []
        for dataset in datasets:
            sensitivity = dataset.effective_sensitivity
            if sensitivity is None:
                continue
            if not sensitivity.restricted:
                found = _personal_found(ctx, dataset)
                if found is not None:
                    used.append(found)
                    mislabelled.append(f"{dataset.name} ({sensitivity.value})")
                continue
            seal = latest_of(ctx, (Kind.ASSET_SEALED, Kind.ASSET_UNSEALED), dataset.name)
            if seal is not None and seal.evidence.kind == Kind.ASSET_SEALED:
                used.append(seal.index)
                continue
            verified = ctx.evidence.latest(kind=VERIFIED, subject=dataset.name)
            if verified is None:
                unknown.append(dataset.name)
                continue
            used.append(verified.index)
            try:
                mode = int(typed(verified, DataVerified).mode, 8)
            except ValueError:
                mode = 0o777  # an unreadable mode proves no restriction
            if mode & 0o077:
                exposed.append(f"{dataset.name} (mode {oct(mode)})")
        if mislabelled:
            return self.result(
                provision,
                Verdict.FAIL,
                "the personal-data screen found "
                f"personal data in data not classed personal: {listing(mislabelled)};"
                " remove it or set `sensitivity: personal`",
                used,
            )
        if exposed:
            return self.result(
                provision,
                Verdict.FAIL,
                "restricted datasets are readable by "
                f"other users: {listing(exposed)}; `chmod 600` them or run "
                "`sai inventory seal DATASET`",
                used,
            )
        if unclassified or unknown:
            what = (
                f"datasets without a sensitivity class: {listing(unclassified)}; add "
                "`sensitivity:` in sai.yaml"
                if unclassified
                else f"no seal or file-mode evidence for {listing(unknown)}; run `sai data "
                "verify` or `sai inventory seal`"
            )
            return self.result(provision, Verdict.INCONCLUSIVE, what, used)
        restricted = sum(
            bool(d.effective_sensitivity and d.effective_sensitivity.restricted) for d in datasets
        )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(datasets)} datasets are "
            f"classified; the {restricted} restricted ones are sealed or readable "
            "by their owner only",
            used,
        )


class UseSuitsSensitivity(TypedCheck):
    """Models trained on restricted data reach only its audience, behind output guards."""

    name = "data.use_suits_sensitivity"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.DATA_APPROVED,
        PROVENANCE,
        VERIFIED,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-5",)
    sufficiency: ClassVar[str] = (
        "every training dataset classified in the recorded sai.yaml; for restricted ones, "
        "every gateway role that can reach a model trained on them is in the dataset's "
        "audience, and its text routes run the pii and leakage output guards; and the data "
        "custodian's current sign-off (data.approved) of each training dataset for this use"
    )
    freshness = timedelta(days=365)

    def decide(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        datasets = training_datasets(ctx)
        used = [ctx.manifest_entry]
        if not datasets:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no training datasets to weigh against the intended use",
                used,
            )
        unclassified = [d.name for d in datasets if d.effective_sensitivity is None]
        problems = use_problems(ctx.manifest, datasets)
        if problems:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{listing(problems, 3)}; narrow "
                "gateway.roles.<role>.models, widen the dataset's `audience` "
                "deliberately, or add pii and leakage to guards.output",
                used,
            )
        if unclassified:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "training datasets without a "
                f"sensitivity class: {listing(unclassified)}; add `sensitivity:`",
                used,
            )
        missing, outdated, signed = sign_off_gaps(ctx, datasets, timedelta(days=365))
        if missing or outdated:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the data custodian has not confirmed the use of {listing(missing + outdated)}"
                " for the current intended use; run `sai data approve DATASET --statement ...`",
                [*used, *signed],
            )
        classes = sorted({str(d.effective_sensitivity) for d in datasets})
        return self.result(
            provision,
            Verdict.PASS,
            f"training data ({', '.join(classes)}) reaches only its audience, behind pii and "
            "leakage output guards where answers are text, and the custodian confirmed its use",
            [*used, *signed],
        )


__all__ = ["SensitiveDataProtected", "UseSuitsSensitivity", "use_problems"]
