"""Envelope-encryption keys: one workspace key-encryption key (KEK) wrapping per-asset data keys.

All key handling of sealing lives here, so crypto-shredding (the disposal package) needs only
:func:`destroy_data_key`: once an asset's wrapped data key is gone, its sealed files cannot be
decrypted by anyone, including us. Data keys are AES-256 keys wrapped with AES-256-GCM under
the KEK, bound to the asset's name through the associated data.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sai.inventory.errors import SealError
from sai.inventory.signing.keys import write_private_file

KEK_NAME = "kek.key"
_KEY_BYTES = 32


@dataclass(frozen=True)
class Kek:
    """The workspace key-encryption key and its id (first 16 hex digits of its SHA-256)."""

    id: str
    key: bytes = b""

    def __repr__(self) -> str:
        return f"Kek(id={self.id!r})"


def _kek_id(key: bytes) -> str:
    return hashlib.sha256(b"sai-kek" + key).hexdigest()[:16]


def load_or_create_kek(keys_dir: Path, *, create: bool = True) -> Kek:
    """Read ``keys_dir/kek.key`` (mode 0600), creating it when ``create`` and absent."""
    path = keys_dir / KEK_NAME
    if not path.exists():
        if not create:
            raise SealError(f"no key-encryption key at {path}", hint="nothing was ever sealed here")
        write_private_file(path, base64.b64encode(secrets.token_bytes(_KEY_BYTES)) + b"\n")
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
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
    return Kek(_kek_id(key), key)


def _aad(asset: str, kek: Kek) -> bytes:
    return f"sai-data-key\x00{asset}\x00{kek.id}".encode()


def data_key_path(keys_root: Path, asset: str) -> Path:
    """Where the wrapped data key of ``asset`` is kept."""
    return keys_root / f"{hashlib.sha256(asset.encode()).hexdigest()[:32]}.json"


def data_key(keys_root: Path, kek: Kek, asset: str, *, create: bool) -> bytes:
    """The asset's unwrapped data key; a new one is made and stored when ``create``."""
    path = data_key_path(keys_root, asset)
    if path.exists():
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            nonce = base64.b64decode(record["nonce"], validate=True)
            wrapped = base64.b64decode(record["wrapped"], validate=True)
            kek_id = record["kek"]
        except (OSError, ValueError, KeyError, TypeError):
            raise SealError(f"the wrapped data key of {asset!r} ({path}) is malformed") from None
        if kek_id != kek.id:
            raise SealError(f"{asset!r} was sealed under another key-encryption key ({kek_id})")
        try:
            return AESGCM(kek.key).decrypt(nonce, wrapped, _aad(asset, kek))
        except InvalidTag:
            raise SealError(f"the wrapped data key of {asset!r} was tampered with") from None
    if not create:
        raise SealError(
            f"{asset!r} has no data key (never sealed, or crypto-shredded)",
            hint="a crypto-shredded asset cannot be unsealed",
        )
    key = AESGCM.generate_key(bit_length=256)
    nonce = secrets.token_bytes(12)
    record = {
        "asset": asset,
        "kek": kek.id,
        "alg": "A256GCM-wrap",
        "nonce": base64.b64encode(nonce).decode(),
        "wrapped": base64.b64encode(AESGCM(kek.key).encrypt(nonce, key, _aad(asset, kek))).decode(),
    }
    keys_root.mkdir(parents=True, exist_ok=True)
    write_private_file(path, json.dumps(record).encode("utf-8"))
    return key


def destroy_data_key(keys_root: Path, asset: str) -> bool:
    """Crypto-shred: overwrite and delete the wrapped data key; True when there was one."""
    path = data_key_path(keys_root, asset)
    if not path.exists():
        return False
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.write(secrets.token_bytes(size))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    return True


__all__ = [
    "KEK_NAME",
    "Kek",
    "data_key",
    "data_key_path",
    "destroy_data_key",
    "load_or_create_kek",
]
