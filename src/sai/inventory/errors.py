"""The inventory package's errors: each names the file, asset or field and what to do."""

from __future__ import annotations

from sai.errors import InputError, VerificationError


class InventoryError(InputError):
    """Root of the inventory errors that come from bad input (exit 2)."""


class HashingError(InventoryError):
    """A file could not be hashed: unreadable, changed while read, or a refused symlink."""


class SignatureFormatError(InventoryError):
    """A signature file is not a well-formed model-signing bundle; the message says where."""


class SignatureError(VerificationError):
    """A signature does not verify: wrong key, another model, or tampered files (exit 1)."""


class SnapshotError(InventoryError):
    """A snapshot is missing, malformed, or cannot be restored."""


class SealError(InventoryError):
    """An asset cannot be sealed or unsealed: wrong state, missing key, or tampered ciphertext."""


__all__ = [
    "HashingError",
    "InventoryError",
    "SealError",
    "SignatureError",
    "SignatureFormatError",
    "SnapshotError",
]
