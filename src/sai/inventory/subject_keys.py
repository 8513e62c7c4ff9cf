"""Per-subject keys for shreddable evidence, kept by the same key custody as data keys.

The key of subject ``S`` is the data key of the custody name ``subject:S`` (a keystore file
wrapped by the KEK, or a PKCS#11 KEK): `shred` destroys it, after which every ledger entry
sealed for ``S`` (`sai.ledger.shreddable`) keeps only ciphertext nobody can open.
"""

from __future__ import annotations

import threading

from sai.inventory.custody import CustodySettings, DataKey
from sai.inventory.errors import SealError
from sai.inventory.seal import custody_for
from sai.workspace import Workspace

PREFIX = "subject:"


class SubjectKeys:
    """Makes, caches and shreds per-subject keys (thread-safe; one per process)."""

    def __init__(self, workspace: Workspace, settings: CustodySettings | None = None) -> None:
        self._workspace = workspace
        self._settings = settings
        self._cache: dict[str, DataKey] = {}
        self._lock = threading.Lock()

    def key_for(self, subject: str) -> tuple[str, bytes]:
        """The subject's key id and key, made on first use."""
        with self._lock:
            found = self._cache.get(subject)
            if found is None:
                name = PREFIX + subject
                custody = custody_for(self._workspace, name, self._settings)
                try:
                    found = custody.data_key(name, create=custody.info(name) is None)
                except SealError:  # NOTE: another worker made it between the two calls
                    found = custody.data_key(name, create=False)
                self._cache[subject] = found
        return found.info.key_id, found.key

    def key_if_any(self, subject: str) -> bytes | None:
        """The subject's key when it still exists (None once shredded)."""
        name = PREFIX + subject
        custody = custody_for(self._workspace, name, self._settings)
        if custody.info(name) is None:
            return None
        return custody.data_key(name, create=False).key

    def shred(self, subject: str) -> tuple[str, ...]:
        """Destroy every copy of the subject's key; what was destroyed."""
        name = PREFIX + subject
        with self._lock:
            self._cache.pop(subject, None)
            return custody_for(self._workspace, name, self._settings).destroy(name)


__all__ = ["PREFIX", "SubjectKeys"]
