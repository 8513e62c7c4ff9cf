"""Training-data provenance (5.2.4-2, 5.2.4-2.1): recorded at capture, matching the data now.

Reads ``data.provenance`` entries (``sai data fetch`` / ``sai data record``) and the latest
``data.verified`` entry (``sai data verify``) of every training dataset.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks._data import (
    PROVENANCE,
    VERIFIED,
    TypedCheck,
    observed,
    training_datasets,
)
from sai.assessment.checks.base import CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import DataProvenance, Kind


class _RecordedProvenance(TypedCheck):
    """Shared walk: every training dataset has a record, seen recently at the same digest."""

    freshness = timedelta(days=30)

    def details_missing(self, record: DataProvenance) -> str | None:
        return None

    def decide(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        datasets = training_datasets(ctx)
        if not datasets:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no datasets; list the training data under `datasets:` and "
                "record where it came from with `sai data fetch` or `sai data record`",
                [ctx.manifest_entry],
            )
        used = [ctx.manifest_entry]
        unrecorded, changed, stale, incomplete = [], [], [], []
        for dataset in datasets:
            seen = observed(ctx, dataset.name)
            if seen is None:
                unrecorded.append(dataset.name)
                continue
            used += [seen.record.index, seen.observation.index]
            if not seen.matches:
                changed.append(dataset.name)
            elif self.is_stale(seen.observation, ctx.now):
                stale.append(dataset.name)
            missing = self.details_missing(seen.payload)
            if missing:
                incomplete.append(f"{dataset.name} ({missing})")
        if changed:
            return self.result(
                provision,
                Verdict.FAIL,
                f"training data differs from its recorded provenance: {listing(changed)}; "
                "`sai data verify` names the rows; restore the data or record the new source",
                used,
            )
        if incomplete:
            return self.result(
                provision,
                Verdict.FAIL,
                f"provenance records lack details: {listing(incomplete)}; record them again "
                "with `sai data record --source URL --retrieved TIME`",
                used,
            )
        if unrecorded:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no recorded provenance for {listing(unrecorded)}; run `sai data fetch URL "
                "--dataset NAME` or `sai data record PATH --dataset NAME --source URL "
                "--retrieved TIME`",
                used,
            )
        if stale:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"not checked against its record in the last {self.freshness.days} days: "
                f"{listing(stale)}; run `sai data verify`",
                used,
            )
        return self.passed(provision, len(datasets), used)

    def passed(self, provision: Provision, count: int, used: list[int]) -> CheckResult:
        return self.result(
            provision,
            Verdict.PASS,
            f"all {count} training datasets have recorded provenance that matches their "
            "current digests",
            used,
        )


class ProvenanceRecorded(_RecordedProvenance):
    """Every training dataset's origin was recorded when obtained and still matches the data."""

    name = "provenance.recorded"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED, PROVENANCE, VERIFIED)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-2",)
    sufficiency: ClassVar[str] = (
        "a data.provenance entry for every training dataset, and its digest equal to the "
        "dataset's latest observed digest (data.verified), observed within 30 days"
    )


class ProvenanceDetails(_RecordedProvenance):
    """Each record keeps the source location and the retrieval time (and what the server said)."""

    name = "provenance.details"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED, PROVENANCE, VERIFIED)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-2.1",)
    sufficiency: ClassVar[str] = (
        "as provenance.recorded, and each record names its source (URL or description) and "
        "retrieval time; fetched records also the final URL after redirects"
    )

    def details_missing(self, record: DataProvenance) -> str | None:
        if not record.source_url.strip():
            return "no source"
        if not record.retrieved.strip():
            return "no retrieval time"
        if record.method == "fetch" and not record.final_url:
            return "no final URL"
        return None

    def passed(self, provision: Provision, count: int, used: list[int]) -> CheckResult:
        return self.result(
            provision,
            Verdict.PASS,
            f"all {count} training datasets record where (URL) and when they were obtained, "
            "and still match those records",
            used,
        )


__all__ = ["ProvenanceDetails", "ProvenanceRecorded"]
