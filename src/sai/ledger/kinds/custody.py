"""Payloads of key custody: a data key made, unwrapped for use, or destroyed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import Payload


@dataclass(frozen=True)
class KeyCreated(Payload):
    """A new per-asset data key, wrapped by a KEK held by ``custody`` (file or pkcs11)."""

    KIND: ClassVar[Kind] = Kind.KEY_CREATED
    custody: str
    key_id: str
    kek: str
    algorithm: str
    wrapping: str
    bits: int


@dataclass(frozen=True)
class KeyUnwrapped(Payload):
    """A data key unwrapped for a purpose (unseal, transfer)."""

    KIND: ClassVar[Kind] = Kind.KEY_UNWRAPPED
    custody: str
    key_id: str
    kek: str
    purpose: str


@dataclass(frozen=True)
class KeyDestroyed(Payload):
    """Every copy of a data key destroyed (crypto-erase); ``remaining`` lists what is left."""

    KIND: ClassVar[Kind] = Kind.KEY_DESTROYED
    custody: str
    key_id: str
    kek: str
    destroyed: tuple[str, ...]
    remaining: tuple[str, ...]
    reason: str | None = None


__all__ = ["KeyCreated", "KeyDestroyed", "KeyUnwrapped"]
