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


@dataclass(frozen=True)
class DatasetOrigin:
    """Where and when a dataset was obtained, as `sai data fetch` or `record` measured it."""

    source_url: str
    retrieved: str
    digest: str
    entry: int
    final_url: str | None = None
    licence: str | None = None
    rows: int | None = None

    def properties(self) -> list[tuple[str, str]]:
        """The facts as ``(name, value)`` pairs, absent ones left out."""
        pairs = [
            ("source-url", self.source_url),
            ("final-url", self.final_url),
            ("retrieved", self.retrieved),
            ("digest", self.digest),
            ("licence", self.licence),
            ("rows", None if self.rows is None else str(self.rows)),
            ("ledger-entry", str(self.entry)),
        ]
        return [(name, value) for name, value in pairs if value]

    def sentence(self) -> str:
        """The facts in one line, for formats that hold free text."""
        parts = [f"obtained from {self.source_url}", f"at {self.retrieved}"]
        if self.final_url and self.final_url != self.source_url:
            parts.append(f"(served by {self.final_url})")
        if self.licence:
            parts.append(f"under {self.licence}")
        parts.append(f"with digest {self.digest}, recorded in ledger entry {self.entry}")
        return " ".join(parts)


def require_ai_assets(inventory: Inventory) -> None:
    """Refuse an inventory with no model, dataset or prompt: its AI-BOM would be empty."""
    if not any(
        a.type in (AssetType.model, AssetType.dataset, AssetType.prompt) for a in inventory.assets
    ):
        raise InventoryError(
            "the recorded inventory holds no model, dataset or prompt; an AI-BOM would be empty",
            hint="declare the system's assets in sai.yaml and run `sai inventory scan`",
        )


__all__ = ["DatasetOrigin", "EvidenceRef", "require_ai_assets"]
