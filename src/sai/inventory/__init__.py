"""AI assets: inventory, hashing, model-signing signatures, AI-BOM, snapshots, registry, sealing.

    >>> from sai.inventory import actions, snapshot  # doctest: +SKIP
    >>> with open_ledger(workspace) as ledger:
    ...     actions.take_inventory(ledger, loaded, actor="me")
    ...     actions.sign(ledger, workspace, loaded, "my-model", actor="me")
    ...     snapshot.snapshot(ledger, workspace, loaded, actor="me", name="release-1")

Every control records ledger evidence; the checks in `sai.assessment.checks.inventory` and
`.recovery` decide provisions from it. See docs/inventory.md.
"""

from sai.inventory.assets import Asset, AssetType, Edge, Inventory, Relation
from sai.inventory.errors import (
    HashingError,
    InventoryError,
    SealError,
    SignatureError,
    SignatureFormatError,
    SnapshotError,
)
from sai.inventory.hashing import HashAlgorithm, HashOptions, TreeDigest, hash_tree

__all__ = [
    "Asset",
    "AssetType",
    "Edge",
    "HashAlgorithm",
    "HashOptions",
    "HashingError",
    "Inventory",
    "InventoryError",
    "Relation",
    "SealError",
    "SignatureError",
    "SignatureFormatError",
    "SnapshotError",
    "TreeDigest",
    "hash_tree",
]
