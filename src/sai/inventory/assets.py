"""The inventory's values: assets, the edges between them, and the whole inventory as JSON.

The JSON form is what the ledger stores for each scan, and what the next scan compares with,
so ``Inventory.from_json`` reads it back strictly.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sai.inventory.errors import InventoryError


class AssetType(enum.StrEnum):
    """What kind of asset it is; decides how it is hashed and shown in the AI-BOM."""

    application = "application"
    model = "model"
    dataset = "dataset"
    prompt = "prompt"
    config = "config"
    endpoint = "endpoint"
    service = "service"
    dependencies = "dependencies"


class Relation(enum.StrEnum):
    """How one asset depends on another."""

    uses = "uses"
    trained_on = "trained_on"
    fronts = "fronts"


@dataclass(frozen=True)
class Asset:
    """One asset: identity, accountability, version and the digest of its content."""

    name: str
    type: AssetType
    location: str | None = None
    owner: str | None = None
    version: str | None = None
    digest: str | None = None
    size: int = 0
    files: int = 0
    confidential: bool = False
    status: str = "present"
    details: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type.value,
            "location": self.location,
            "owner": self.owner,
            "version": self.version,
            "digest": self.digest,
            "size": self.size,
            "files": self.files,
            "confidential": self.confidential,
            "status": self.status,
            "details": _thaw(self.details),
        }


@dataclass(frozen=True)
class Edge:
    """``source`` --relation--> ``target``, e.g. a model trained_on a dataset."""

    source: str
    relation: Relation
    target: str

    def to_json(self) -> list[str]:
        return [self.source, self.relation.value, self.target]


@dataclass(frozen=True)
class Inventory:
    """Every asset of the system and the dependency graph between them."""

    system: str
    assets: tuple[Asset, ...]
    edges: tuple[Edge, ...]

    def asset(self, name: str) -> Asset | None:
        return next((a for a in self.assets if a.name == name), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "assets": [asset.to_json() for asset in self.assets],
            "edges": [edge.to_json() for edge in self.edges],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Inventory:
        """Read back :meth:`to_json` output (e.g. from a ledger entry)."""
        try:
            assets = tuple(_asset(item) for item in data["assets"])
            edges = tuple(Edge(str(s), Relation(r), str(t)) for s, r, t in data.get("edges", ()))
            return cls(str(data["system"]), assets, edges)
        except (KeyError, TypeError, ValueError) as exc:
            raise InventoryError(f"a recorded inventory is malformed: {exc!r}") from None


def _asset(item: Mapping[str, Any]) -> Asset:
    return Asset(
        name=str(item["name"]),
        type=AssetType(item["type"]),
        location=item.get("location"),
        owner=item.get("owner"),
        version=item.get("version"),
        digest=item.get("digest"),
        size=int(item.get("size", 0)),
        files=int(item.get("files", 0)),
        confidential=bool(item.get("confidential", False)),
        status=str(item.get("status", "present")),
        details=_thaw(item.get("details", {})),
    )


def _thaw(value: Any) -> Any:
    """Plain dicts and lists from the ledger's read-only mappings and tuples."""
    if isinstance(value, Mapping):
        return {str(k): _thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_thaw(v) for v in value]
    return value


__all__ = ["Asset", "AssetType", "Edge", "Inventory", "Relation"]
