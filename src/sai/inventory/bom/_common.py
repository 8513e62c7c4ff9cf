"""What every AI-BOM format shares: cited ledger evidence, and the refusal of an empty BOM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sai.inventory.assets import AssetType, Inventory
from sai.inventory.errors import InventoryError


@dataclass(frozen=True)
class EvidenceRef:
    """A ledger entry cited as evidence for a provision."""

    provision: str
    index: int
    kind: str
    subject: str
    time: datetime


def require_ai_assets(inventory: Inventory) -> None:
    """Refuse an inventory with no model, dataset or prompt: its AI-BOM would be empty."""
    if not any(
        a.type in (AssetType.model, AssetType.dataset, AssetType.prompt) for a in inventory.assets
    ):
        raise InventoryError(
            "the recorded inventory holds no model, dataset or prompt; an AI-BOM would be empty",
            hint="declare the system's assets in sai.yaml and run `sai inventory scan`",
        )


__all__ = ["EvidenceRef", "require_ai_assets"]
