"""The audit trail of models, datasets and prompts (5.1.2-3).

Passes when the ledger holds lifecycle evidence for every model, dataset and prompt that
sai.yaml declares, and the log has a signed checkpoint; the ledger itself is the audit trail.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import Kind

#: Evidence kinds that the assessment writes itself and that say nothing about an asset.
_ASSESSMENT_KINDS = (Kind.ASSESSMENT_COMPLETED, Kind.MANIFEST_RECORDED)


class AssetAuditTrail(Check):
    """Every declared asset has lifecycle entries in the ledger."""

    name = "ledger.audit_trail"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.INVENTORY_SCAN,
        Kind.ASSET_RECORDED,
        Kind.ASSET_SIGNED,
        Kind.PROMPT_VERSION,
        Kind.SCAN_RESULT,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-3",)
    freshness = timedelta(days=90)
    sufficiency = (
        "for every declared model, dataset and prompt (at least one), lifecycle evidence by a "
        "sai control from the last 90 days"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        manifest = ctx.manifest
        assets = [
            *(m.name for m in manifest.models),
            *(d.name for d in manifest.datasets),
            *(p.name for p in manifest.prompts),
        ]
        if not assets:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no models, datasets or prompts to keep an audit trail for",
                [ctx.manifest_entry],
            )
        used: list[int] = [ctx.manifest_entry]
        missing: list[str] = []
        stale: list[str] = []
        for name in assets:
            entries = [
                e
                for e in ctx.evidence.query(subject=name, descending=True, limit=20)
                if e.evidence.kind not in _ASSESSMENT_KINDS
            ]
            if not entries:
                missing.append(name)
            elif self.is_stale(entries[0], ctx.now):
                stale.append(name)
                used.append(entries[0].index)
            else:
                used.append(entries[0].index)
        if missing:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{len(missing)} of {len(assets)} assets have no lifecycle evidence in the "
                f"ledger: {listing(missing)}; record them with `sai inventory scan` (and "
                "`sai prompts set` for prompts)",
                used,
            )
        if stale:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest lifecycle evidence is older than {self.freshness.days} days for: "
                f"{listing(stale)}",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(assets)} declared assets have current lifecycle entries in the ledger",
            used,
        )


__all__ = ["AssetAuditTrail"]
