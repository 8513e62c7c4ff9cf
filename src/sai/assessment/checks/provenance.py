"""Training-data provenance from the recorded manifest (5.2.4-2, 5.2.4-2.1).

The manifest is recorded in the ledger at the start of every assessment, so what these checks
read is itself evidence an auditor can see.
"""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision


class DataSourcesDocumented(Check):
    """Every dataset says where it came from, and every model says what it was trained on."""

    name = "provenance.sources"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-2",)

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        manifest = ctx.manifest
        if not manifest.datasets:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no datasets; list the training data under `datasets:` "
                "with its sources",
                [ctx.manifest_entry],
            )
        without_sources = [ds.name for ds in manifest.datasets if not ds.sources]
        used = {name for model in manifest.models for name in model.trained_on}
        unused = [ds.name for ds in manifest.datasets if ds.name not in used]
        local_models = [m.name for m in manifest.models if m.path is not None]
        if without_sources:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{len(without_sources)} of {len(manifest.datasets)} datasets have no "
                f"documented source: {listing(without_sources)}; add `sources:` in sai.yaml",
                [ctx.manifest_entry],
            )
        if local_models and unused:
            return self.result(
                provision,
                Verdict.FAIL,
                f"how these datasets are used is not documented: {listing(unused)}; name them "
                "in a model's `trained_on:` (or remove them)",
                [ctx.manifest_entry],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(manifest.datasets)} datasets name their sources and the models "
            "trained on them",
            [ctx.manifest_entry],
        )


class DataSourceDetails(Check):
    """Each training-data source records where exactly (URL) and when it was obtained."""

    name = "provenance.source_details"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-2.1",)

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        sources = [
            (dataset.name, index, source)
            for dataset in ctx.manifest.datasets
            for index, source in enumerate(dataset.sources)
        ]
        if not sources:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no training-data sources are declared in sai.yaml; add `sources:` with `url` "
                "and `retrieved` to each dataset",
                [ctx.manifest_entry],
            )
        incomplete = [
            f"{name}.sources[{index}]"
            for name, index, source in sources
            if not (source.url or source.description) or source.retrieved is None
        ]
        if incomplete:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{len(incomplete)} of {len(sources)} sources lack a location or a retrieval "
                f"time: {listing(incomplete)}; add `url` and `retrieved`",
                [ctx.manifest_entry],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(sources)} training-data sources record where and when they were obtained",
            [ctx.manifest_entry],
        )


__all__ = ["DataSourceDetails", "DataSourcesDocumented"]
