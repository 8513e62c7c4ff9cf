"""Where the inventory package keeps its files inside a workspace (``.sai/inventory/``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sai.workspace import Workspace


@dataclass(frozen=True)
class InventoryPaths:
    """The inventory's folders and key files of one workspace."""

    root: Path
    keys: Path

    @classmethod
    def of(cls, workspace: Workspace) -> InventoryPaths:
        return cls(root=workspace.sai_dir / "inventory", keys=workspace.sai_dir / "keys")

    @property
    def signatures(self) -> Path:
        return self.root / "signatures"

    @property
    def snapshots(self) -> Path:
        return self.root / "snapshots"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def registry(self) -> Path:
        return self.root / "registry"

    @property
    def sealed(self) -> Path:
        return self.root / "sealed"

    def signature_for(self, asset: str) -> Path:
        return self.signatures / f"{asset}.sig"


__all__ = ["InventoryPaths"]
