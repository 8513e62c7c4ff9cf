"""Wrapped data-key records: one small JSON file per asset, written 0600, shredded on destroy."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sai.inventory.custody.base import KeyInfo
from sai.inventory.errors import SealError
from sai.inventory.signing.keys import write_private_file


@dataclass(frozen=True)
class WrappedKey:
    """A data key wrapped by a KEK: the nonce and ciphertext, and who holds the KEK."""

    asset: str
    custody: str
    kek: str
    nonce: bytes
    wrapped: bytes

    @property
    def info(self) -> KeyInfo:
        key_id = "dk-" + hashlib.sha256(self.nonce + self.wrapped).hexdigest()[:16]
        return KeyInfo(self.asset, self.custody, key_id, self.kek)


def aad(asset: str, kek: str) -> bytes:
    """Associated data of a wrapping: binds the data key to its asset and KEK."""
    return f"sai-data-key\x00{asset}\x00{kek}".encode()


def record_path(records: Path, asset: str) -> Path:
    """Where the wrapped data key of ``asset`` is kept."""
    return records / f"{hashlib.sha256(asset.encode()).hexdigest()[:32]}.json"


def read_record(records: Path, asset: str) -> WrappedKey | None:
    """The asset's wrapped key, None when there is none; SealError when malformed."""
    path = record_path(records, asset)
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        record = WrappedKey(
            asset=str(raw["asset"]),
            custody=str(raw.get("custody", "file")),
            kek=str(raw["kek"]),
            nonce=base64.b64decode(raw["nonce"], validate=True),
            wrapped=base64.b64decode(raw["wrapped"], validate=True),
        )
    except (OSError, ValueError, KeyError, TypeError):
        raise SealError(f"the wrapped data key of {asset!r} ({path}) is malformed") from None
    if record.asset != asset:
        raise SealError(f"{path} holds the key of {record.asset!r}, not {asset!r}")
    return record


def write_record(records: Path, record: WrappedKey) -> None:
    """Store a new wrapped key (mode 0600); never replaces an existing one."""
    records.mkdir(parents=True, exist_ok=True)
    path = record_path(records, record.asset)
    if path.exists():
        raise SealError(f"{record.asset!r} already has a data key ({path})")
    document = {
        "asset": record.asset,
        "custody": record.custody,
        "kek": record.kek,
        "alg": "A256GCM-wrap",
        "nonce": base64.b64encode(record.nonce).decode(),
        "wrapped": base64.b64encode(record.wrapped).decode(),
    }
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    write_private_file(temp, json.dumps(document).encode("utf-8"))
    try:
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.link(temp, path)  # NOTE: atomic and never replaces: a crash leaves no half record
    except FileExistsError:
        raise SealError(f"{record.asset!r} already has a data key ({path})") from None
    finally:
        temp.unlink(missing_ok=True)
    _sync_dir(records)


def record_copies(records: Path, asset: str) -> tuple[str, ...]:
    """The asset's record and a half-shredded one, where they exist."""
    path = record_path(records, asset)
    found = (path, _tombstone(path))
    return tuple(f"wrapped data key {p}" for p in found if p.exists())


def _tombstone(path: Path) -> Path:
    return path.with_suffix(".shredding")


def shred_record(records: Path, asset: str) -> str | None:
    """Overwrite, fsync and delete the asset's record; its path, or None when there was none.

    The record is first renamed aside (atomically), so a shred cut short never leaves a
    damaged record in its place; the next shred finishes the renamed one.
    """
    path = record_path(records, asset)
    tomb = _tombstone(path)
    if path.exists():
        os.replace(path, tomb)
        _sync_dir(records)
    if not tomb.exists():
        return None
    size = tomb.stat().st_size
    with tomb.open("r+b") as handle:
        handle.write(secrets.token_bytes(size))
        handle.flush()
        os.fsync(handle.fileno())
    tomb.unlink()
    _sync_dir(records)
    return str(path)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = [
    "WrappedKey",
    "aad",
    "read_record",
    "record_copies",
    "record_path",
    "shred_record",
    "write_record",
]
