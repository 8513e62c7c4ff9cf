"""The default custody: a local keystore file (``.sai/keys/kek.key``, mode 0600) as the KEK.

The KEK is one random AES-256 key per workspace; each asset's data key is wrapped by it and
kept as its own record, so destroying the record erases that asset alone.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import stat
from pathlib import Path
from typing import ClassVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sai.inventory.custody._record import (
    WrappedKey,
    aad,
    read_record,
    record_copies,
    shred_record,
    write_record,
)
from sai.inventory.custody.base import DataKey, KeyCustody, KeyInfo
from sai.inventory.errors import SealError
from sai.inventory.signing.keys import write_private_file

KEK_NAME = "kek.key"
_KEY_BYTES = 32


def kek_id(key: bytes) -> str:
    """The public id of a KEK: the first 16 hex digits of a SHA-256 over it."""
    return hashlib.sha256(b"sai-kek" + key).hexdigest()[:16]


def load_kek(keys_dir: Path, *, create: bool) -> bytes:
    """Read ``keys_dir/kek.key`` (mode 0600), creating it when ``create`` and absent."""
    path = keys_dir / KEK_NAME
    if not path.exists():
        if not create:
            raise SealError(f"no key-encryption key at {path}", hint="nothing was ever sealed here")
        write_private_file(path, base64.b64encode(secrets.token_bytes(_KEY_BYTES)) + b"\n")
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SealError(
            f"the key-encryption key {path} is readable by other users",
            hint=f"run `chmod 600 {path}`",
        )
    try:
        key = base64.b64decode(path.read_bytes().strip(), validate=True)
    except ValueError:
        raise SealError(f"{path} is not a base64 key") from None
    if len(key) != _KEY_BYTES:
        raise SealError(f"{path} does not hold a 256-bit key")
    return key


class FileCustody(KeyCustody):
    """Data keys wrapped by the workspace's KEK file."""

    backend: ClassVar[str] = "file"

    def __init__(self, records: Path, keys_dir: Path) -> None:
        super().__init__(records)
        self.keys_dir = keys_dir

    def data_key(self, asset: str, *, create: bool) -> DataKey:
        record = read_record(self.records, asset)
        if record is None:
            if not create:
                raise SealError(
                    f"{asset!r} has no data key (never sealed, or crypto-shredded)",
                    hint="a crypto-shredded asset cannot be unsealed",
                )
            kek = load_kek(self.keys_dir, create=True)
            key = AESGCM.generate_key(bit_length=256)
            nonce = secrets.token_bytes(12)
            ident = kek_id(kek)
            wrapped = AESGCM(kek).encrypt(nonce, key, aad(asset, ident))
            record = WrappedKey(asset, self.backend, ident, nonce, wrapped)
            write_record(self.records, record)
            return DataKey(key, record.info, created=True)
        if record.custody != self.backend:
            raise SealError(f"{asset!r} was sealed under {record.custody} custody, not file")
        kek = load_kek(self.keys_dir, create=False)
        if kek_id(kek) != record.kek:
            raise SealError(f"{asset!r} was sealed under another key-encryption key ({record.kek})")
        try:
            key = AESGCM(kek).decrypt(record.nonce, record.wrapped, aad(asset, record.kek))
        except InvalidTag:
            raise SealError(f"the wrapped data key of {asset!r} was tampered with") from None
        return DataKey(key, record.info)

    def info(self, asset: str) -> KeyInfo | None:
        record = read_record(self.records, asset)
        return None if record is None else record.info

    def destroy(self, asset: str) -> tuple[str, ...]:
        shredded = shred_record(self.records, asset)
        return () if shredded is None else (f"wrapped data key {shredded}",)

    def copies(self, asset: str) -> tuple[str, ...]:
        return record_copies(self.records, asset)


__all__ = ["KEK_NAME", "FileCustody", "kek_id", "load_kek"]
