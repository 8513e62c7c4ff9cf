"""The key-custody seam: where an asset's data key is kept and how it is wrapped.

A custody backend makes, opens and destroys per-asset AES-256 data keys. Each data key is
wrapped (AES-256-GCM) by a key-encryption key (KEK) the backend holds; the wrapped key is a
small record file (``_record``). Destroying every copy of it is cryptographic erase: the
asset's sealed files then decrypt for no one.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

DATA_KEY_BITS = 256


@dataclass(frozen=True)
class KeyInfo:
    """Public facts about one asset's data key: who keeps it and which KEK wraps it."""

    asset: str
    custody: str
    key_id: str
    kek: str
    wrapping: str = "AES-256-GCM"
    bits: int = DATA_KEY_BITS


@dataclass(frozen=True)
class DataKey:
    """An unwrapped data key (never printed) with its facts; ``created`` when it is new."""

    key: bytes
    info: KeyInfo
    created: bool = False

    def __repr__(self) -> str:
        return f"DataKey(info={self.info!r}, created={self.created})"


class KeyCustody(abc.ABC):
    """A place that keeps KEKs and the data keys they wrap."""

    backend: ClassVar[str]
    """The registry name (``file``, ``pkcs11``)."""

    def __init__(self, records: Path) -> None:
        self.records = records
        """The folder of wrapped-key records."""

    @abc.abstractmethod
    def data_key(self, asset: str, *, create: bool) -> DataKey:
        """The asset's data key, unwrapped; a new one is made and stored when ``create``."""

    @abc.abstractmethod
    def destroy(self, asset: str) -> tuple[str, ...]:
        """Destroy every copy of the asset's key material; what was destroyed (idempotent)."""

    @abc.abstractmethod
    def copies(self, asset: str) -> tuple[str, ...]:
        """Key material of the asset that still exists (empty after `destroy`)."""

    @abc.abstractmethod
    def info(self, asset: str) -> KeyInfo | None:
        """The asset's key facts without unwrapping, or None when it has no key."""


__all__ = ["DATA_KEY_BITS", "DataKey", "KeyCustody", "KeyInfo"]
