"""Encryption at rest (5.2.1-4.2): confidential models and datasets are sealed with per-asset
data keys whose custody is recorded, or were disposed of since."""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks._latest import latest_of
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import Kind


class ConfidentialSealed(Check):
    """Assets marked confidential are encrypted at rest with per-asset keys in custody."""

    name = "inventory.confidential_sealed"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.ASSET_SEALED,
        Kind.ASSET_UNSEALED,
        Kind.KEY_CREATED,
        Kind.DISPOSAL_COMPLETED,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.2.1-4.2",)
    sufficiency = (
        "for every model or dataset marked confidential, its latest seal/unseal entry by sai "
        "is a seal whose data key's creation and custody (file or PKCS#11) are recorded, or "
        "the asset was disposed of since; with nothing confidential there is nothing to judge"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        manifest = ctx.manifest
        confidential = [m.name for m in manifest.models if m.confidential and m.path is not None]
        confidential += [d.name for d in manifest.datasets if d.confidential]
        if not confidential:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml marks no model or dataset as confidential, so there is nothing "
                "sealed to show; mark confidential assets (`confidential: true`) and seal them "
                "with `sai inventory seal`, or exclude 5.2.1-4.2 with a justification",
                [ctx.manifest_entry],
            )
        used, open_, uncustodied = [ctx.manifest_entry], [], []
        custodies: set[str] = set()
        for name in confidential:
            entry = latest_of(
                ctx, (Kind.ASSET_SEALED, Kind.ASSET_UNSEALED, Kind.DISPOSAL_COMPLETED), name
            )
            if entry is not None:
                used.append(entry.index)
            if entry is not None and entry.evidence.kind == Kind.DISPOSAL_COMPLETED:
                continue
            if entry is None or entry.evidence.kind != Kind.ASSET_SEALED:
                open_.append(name)
                continue
            key = _key_created(ctx, name, entry.evidence.data.get("key_id"))
            if key is None:
                uncustodied.append(name)
                continue
            used.append(key.index)
            custodies.add(str(key.evidence.data.get("custody")))
        if open_:
            return self.result(
                provision,
                Verdict.FAIL,
                f"confidential assets are not encrypted at rest: "
                f"{listing(open_)}; run `sai inventory seal ASSET`",
                used,
            )
        if uncustodied:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the key custody of {listing(uncustodied)} is not recorded (sealed by an "
                "older sai); run `sai inventory unseal ASSET` then `sai inventory seal ASSET`",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(confidential)} confidential assets are sealed (AES-256-GCM, per-asset "
            f"keys wrapped by a KEK in {', '.join(sorted(custodies)) or 'no'} custody) or "
            "disposed of",
            used,
        )


def _key_created(ctx: CheckContext, asset: str, key_id: object) -> Entry | None:
    """The ``key.created`` entry of ``asset``'s data key ``key_id``."""
    if not isinstance(key_id, str):
        return None
    for entry in ctx.evidence.query(kind=Kind.KEY_CREATED, subject=asset, descending=True):
        if entry.evidence.data.get("key_id") == key_id:
            return entry
    return None


__all__ = ["ConfidentialSealed"]
