"""Versioned models at the gateway (5.4.1-3): clients pin a model version and can try a
preview version ahead of a change, and traffic shows the pinned versions in use."""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks._gateway_window import cited, counted, forged_rollup, request_window_of
from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import Kind


class GatewayVersionedModels(Check):
    """5.4.1-3: clients can pin model versions and try preview versions ahead of a change."""

    name = "gateway.versioned_models"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.GATEWAY_REQUEST,
        Kind.GATEWAY_ROLLUP,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.4.1-3",)
    sufficiency = (
        "pinned model versions with a preview version in sai.yaml, and gateway requests in "
        "the last 30 days served through a pinned version"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        routes = ctx.manifest.gateway.models
        if not routes:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml's gateway.models defines no versioned model routes; add e.g. "
                "`name: bot@2` and a `preview: true` version for operators to evaluate",
                [ctx.manifest_entry],
            )
        previews = [r.name for r in routes if r.preview]
        if not previews:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{len(routes)} pinned model versions but no preview version to evaluate "
                "changes ahead; add one with `preview: true`",
                [ctx.manifest_entry],
            )
        if (forged := forged_rollup(self, provision, ctx)) is not None:
            return forged
        window = request_window_of(ctx)
        pinned = sorted({f"model:{r.name}" for r in routes})
        served = sum(window.tally.count(name) for name in pinned)
        if not served:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{len(routes)} pinned model versions are declared (previews: "
                f"{', '.join(previews)}) but not observed: no gateway request in the last 30 "
                "days asked for one; send traffic through `sai gateway serve`" + counted(window),
                [ctx.manifest_entry, *window.rollups],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(routes)} pinned model versions, preview versions: {', '.join(previews)}; "
            f"{served} recent requests (last 30 days) were served through a pinned version"
            + counted(window),
            [ctx.manifest_entry, *cited(window, *pinned, most=3)][: 4 + len(window.rollups)],
        )


__all__ = ["GatewayVersionedModels"]
