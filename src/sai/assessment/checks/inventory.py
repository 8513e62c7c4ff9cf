"""Inventory, signing and encryption checks (5.2.1-1, 5.2.1-2, 5.2.1-4.2, 5.2.4-1.2); the
encryption check lives in `sai.assessment.checks.inventory_sealing` (re-exported here).

They read what `sai inventory` recorded: the latest scan, model signatures and verifications,
the prompt registry and seal/unseal entries.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks._latest import latest_of
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.checks.inventory_sealing import ConfidentialSealed
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import AssetVerified, InventoryScan, Kind

SCAN = Kind.INVENTORY_SCAN
#: Prefix of a problem that is missing evidence rather than evidence of failure.
MISSING = "\x00"


def _verdict(problems: list[str]) -> tuple[Verdict, list[str]]:
    """FAIL when any problem is evidence of failure, else INCONCLUSIVE; messages unprefixed."""
    failing = any(not p.startswith(MISSING) for p in problems)
    return (Verdict.FAIL if failing else Verdict.INCONCLUSIVE), [
        p.lstrip(MISSING) for p in problems
    ]


class InventoryComplete(Check):
    """A current inventory scan covers every asset sai.yaml declares, with no asset missing."""

    name = "inventory.complete"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.INVENTORY_SCAN,)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.1-1",)
    freshness = timedelta(days=30)
    sufficiency = (
        "an inventory scan by sai from the last 30 days listing every asset sai.yaml declares "
        "(at least one), none missing or unreadable"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        if not ctx.manifest.assets():
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no models, datasets, prompts or configs to inventory; "
                "declare the system's assets, then run `sai inventory scan`",
                [ctx.manifest_entry],
            )
        scan = self.current(
            provision,
            ctx,
            SCAN,
            subject=ctx.manifest.name,
            run="run `sai inventory scan`",
            used=[ctx.manifest_entry],
        )
        if isinstance(scan, CheckResult):
            return scan
        used = [ctx.manifest_entry, scan.index]
        inventory = InventoryScan.from_evidence(scan.evidence)
        recorded = {a.name: a for a in inventory.assets}
        unlisted = [a.name for a in ctx.manifest.assets() if a.name not in recorded]
        if unlisted:
            return self.result(
                provision,
                Verdict.FAIL,
                f"assets declared in sai.yaml are missing from the inventory: "
                f"{listing(unlisted)}; run `sai inventory scan`",
                used,
            )
        absent = [n for n, a in recorded.items() if a.status in ("missing", "unreadable")]
        if absent:
            return self.result(
                provision,
                Verdict.FAIL,
                f"the inventory found these assets missing or unreadable: "
                f"{listing(absent)}; restore them (`sai restore`) and scan again",
                used,
            )
        edges = len(inventory.edges)
        return self.result(
            provision,
            Verdict.PASS,
            f"the inventory (entry {scan.index}) lists all {len(recorded)} assets "
            f"with digests and {edges} dependency edges",
            used,
        )


def _model_state(ctx: CheckContext, name: str) -> tuple[str | None, list[int]]:
    """None when the model is signed and unchanged since, else what is wrong.

    A missing signature is reported as ``MISSING`` (no evidence, so inconclusive); a signature the
    model no longer matches is evidence of failure.
    """
    signed = ctx.evidence.latest(kind=Kind.ASSET_SIGNED, subject=name)
    if signed is None:
        return f"{MISSING}{name} is not signed", []
    used = [signed.index]
    verified = ctx.evidence.latest(kind=Kind.ASSET_VERIFIED, subject=name)
    if verified is not None and verified.index > signed.index:
        used.append(verified.index)
        if not AssetVerified.from_evidence(verified.evidence).ok:
            return f"{name} differs from its signature (entry {verified.index})", used
    changed = latest_of(ctx, (Kind.ASSET_CHANGED, Kind.ASSET_MISSING), name)
    if (
        changed is not None
        and changed.index > signed.index
        and (verified is None or verified.index < changed.index)
    ):
        used.append(changed.index)
        return f"{name} changed after it was signed (entry {changed.index})", used
    return None, used


class ModelsSigned(Check):
    """Every local model carries a model-signing signature that still verifies."""

    name = "inventory.models_signed"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.ASSET_SIGNED,
        Kind.ASSET_VERIFIED,
        Kind.ASSET_CHANGED,
        Kind.ASSET_MISSING,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-1.2",)
    sufficiency = (
        "a model-signing signature by sai for every local model, not followed by a change, a "
        "disappearance or a failed verification"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        models = [m.name for m in ctx.manifest.models if m.path is not None]
        if not models:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no local model file to publish digests for; "
                "exclude 5.2.4-1.2 with a justification if no model is shared",
                [ctx.manifest_entry],
            )
        problems, used = [], [ctx.manifest_entry]
        for name in models:
            problem, cited = _model_state(ctx, name)
            used += cited
            if problem:
                problems.append(problem)
        if problems:
            verdict, problems = _verdict(problems)
            return self.result(
                provision,
                verdict,
                f"{listing(problems)}; sign with `sai inventory sign MODEL`, or "
                "restore the signed version (`sai restore`)",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(models)} local models carry a model-signing signature "
            "(SHA-256 per file) that verifies",
            used,
        )


class AssetsTracked(Check):
    """Assets are inventoried, models signed and verified, prompts and configs versioned."""

    name = "inventory.tracked"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.INVENTORY_SCAN,
        Kind.ASSET_SIGNED,
        Kind.ASSET_VERIFIED,
        Kind.PROMPT_VERSION,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.2.1-2",)
    freshness = timedelta(days=30)
    sufficiency = (
        "an inventory scan by sai from the last 30 days, a current signature of every local "
        "model and a registered version of every prompt and config (at least one asset)"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        if not ctx.manifest.assets():
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no assets to track; declare the system's models, datasets, "
                "prompts and configs",
                [ctx.manifest_entry],
            )
        scan = ctx.evidence.latest(kind=SCAN, subject=ctx.manifest.name)
        if scan is None or self.is_stale(scan, ctx.now):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no inventory scan from the last 30 days tracks the assets; run "
                "`sai inventory scan`",
                [ctx.manifest_entry],
            )
        used, problems = [ctx.manifest_entry, scan.index], []
        for model in ctx.manifest.models:
            if model.path is not None:
                problem, cited = _model_state(ctx, model.name)
                used += cited
                problems += [problem] if problem else []
        for name in [p.name for p in ctx.manifest.prompts] + [c.name for c in ctx.manifest.configs]:
            version = ctx.evidence.latest(kind=Kind.PROMPT_VERSION, subject=name)
            if version is None:
                problems.append(f"{MISSING}{name} has no registered version")
            else:
                used.append(version.index)
        if problems:
            verdict, problems = _verdict(problems)
            return self.result(
                provision,
                verdict,
                f"{listing(problems)}; use `sai inventory sign` and `sai prompts set`",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            "every asset is inventoried with digests, models are signed and "
            "verify, prompts and configs are versioned in the registry",
            used,
        )


__all__ = ["AssetsTracked", "ConfidentialSealed", "InventoryComplete", "ModelsSigned", "latest_of"]
