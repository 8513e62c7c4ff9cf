"""Keys for the MACs of the scan's caches in ``.sai/cache/``.

The caches lie beside the ledger, where anyone who can write the workspace's files can edit
them; an entry is trusted only if its MAC verifies under a key that only the holder of the
workspace's signing key can derive: an Ed25519 signature by that key over a fixed label
(Ed25519 signatures are deterministic), hashed. One label per cache, so that no MAC of one
cache is valid in another.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sai.workspace import Workspace


def cache_key(workspace: Workspace, label: bytes) -> bytes:
    """The MAC key of the cache named by ``label`` (WorkspaceError when the signing key is
    unreadable)."""
    return hashlib.sha256(workspace.signing_key().sign(label)).digest()


__all__ = ["cache_key"]
