"""Training-data provenance declared in the recorded manifest (5.2.4-2, 5.2.4-2.1).

What sai.yaml declares can show a gap (a dataset without a source is a fail), but a declaration
alone is not an observation: complete declarations are inconclusive until provenance recorded
at the time the data was obtained backs them.
"""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import Kind


class DataSourcesDocumented(Check):
    """Every dataset says where it came from, and every model says what it was trained on."""

    name = "provenance.sources"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED,)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-2",)
    sufficiency = (
        "never passes on sai.yaml alone: a declared dataset without sources fails, complete "
        "declarations are inconclusive until recorded provenance backs them"
    )

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
        # red-team member/non-member data is a documented use too (evaluation, not training)
        used |= {n for c in manifest.redteam.classic for n in (c.members, c.non_members)}
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
            Verdict.INCONCLUSIVE,
            f"declared, not observed: all {len(manifest.datasets)} datasets name their sources "
            "and the models trained on them in sai.yaml, but no provenance was recorded when "
            "the data was obtained",
            [ctx.manifest_entry],
        )


class DataSourceDetails(Check):
    """Each training-data source records where exactly (URL) and when it was obtained."""

    name = "provenance.source_details"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED,)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-2.1",)
    sufficiency = (
        "never passes on sai.yaml alone: a source without URL or retrieval time fails, "
        "complete declarations are inconclusive until recorded provenance backs them"
    )

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
            Verdict.INCONCLUSIVE,
            f"declared, not observed: all {len(sources)} training-data sources in sai.yaml say "
            "where and when they were obtained, but no provenance was recorded at that time",
            [ctx.manifest_entry],
        )


__all__ = ["DataSourceDetails", "DataSourcesDocumented"]
