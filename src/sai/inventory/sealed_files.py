"""Encryption at rest for confidential assets: each file is replaced by its sealed form in place.

Names stay the same (so sai.yaml stays valid); a sealed file is ``SAISEAL1`` + 12-byte nonce
+ AES-256-GCM ciphertext + 16-byte tag, encrypted in a stream (so multi-gigabyte weights need
no memory), under the asset's data key (kept by a ``custody`` backend), with the asset and
file name as associated data so files cannot be swapped. Plaintext is replaced only once the
sealed copy is complete, and vice versa.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from sai.inventory.custody import KeyCustody, KeyInfo
from sai.inventory.errors import SealError

MAGIC = b"SAISEAL1"
_TAG = 16
_NONCE = 12
_CHUNK = 4 * 1024 * 1024


@dataclass(frozen=True)
class SealResult:
    """What sealing or unsealing did: files, bytes, plaintext digests, the data key's facts."""

    asset: str
    files: tuple[str, ...]
    bytes: int
    digests: dict[str, str]
    key: KeyInfo
    key_created: bool = False


def _aad(asset: str, name: str) -> bytes:
    return f"sai-sealed\x00{asset}\x00{name}".encode()


def _temp_beside(path: Path) -> tuple[int, Path]:
    fd, temp = tempfile.mkstemp(prefix=".sai-seal-", dir=path.parent)
    return fd, Path(temp)


def _encrypt(source: Path, key: bytes, aad: bytes) -> str:
    nonce = secrets.token_bytes(_NONCE)
    encryptor = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    digest = hashlib.sha256()
    fd, temp = _temp_beside(source)
    try:
        with source.open("rb") as reader, os.fdopen(fd, "wb") as writer:
            writer.write(MAGIC + nonce)
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(encryptor.update(chunk))
            writer.write(encryptor.finalize() + encryptor.tag)
        os.replace(temp, source)
    finally:
        temp.unlink(missing_ok=True)
    return digest.hexdigest()


def _decrypt(sealed: Path, key: bytes, aad: bytes) -> tuple[Path, str]:
    """Decrypt into a temporary file beside ``sealed``; the caller commits it."""
    size = sealed.stat().st_size
    fd, temp = _temp_beside(sealed)
    digest = hashlib.sha256()
    try:
        with sealed.open("rb") as reader, os.fdopen(fd, "wb") as writer:
            header = reader.read(len(MAGIC) + _NONCE)
            if len(header) != len(MAGIC) + _NONCE or not header.startswith(MAGIC):
                raise SealError(f"{sealed} is not a sealed file (bad header)")
            remaining = size - len(header) - _TAG
            if remaining < 0:
                raise SealError(f"{sealed} is truncated")
            reader.seek(size - _TAG)
            tag = reader.read(_TAG)
            reader.seek(len(header))
            decryptor = Cipher(
                algorithms.AES(key), modes.GCM(header[len(MAGIC) :], tag)
            ).decryptor()
            decryptor.authenticate_additional_data(aad)
            while remaining > 0:
                chunk = reader.read(min(_CHUNK, remaining))
                remaining -= len(chunk)
                plain = decryptor.update(chunk)
                digest.update(plain)
                writer.write(plain)
            try:
                writer.write(decryptor.finalize())
            except InvalidTag:
                raise SealError(
                    f"{sealed} fails its integrity check: tampered, or sealed for another asset",
                    hint="nothing was unsealed; restore the sealed file from a snapshot",
                ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp, digest.hexdigest()


def _is_sealed_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _files(path: Path, sealed: bool) -> Iterator[tuple[str, Path]]:
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()):
            if _is_sealed_file(file) is sealed and not file.name.startswith(".sai-seal-"):
                yield file.relative_to(path).as_posix(), file
        return
    if path.is_file() and _is_sealed_file(path) is sealed:
        yield ".", path


def is_sealed(path: Path) -> bool:
    """Whether the asset at ``path`` is sealed (every file, and at least one)."""
    return any(True for _ in _files(path, True)) and not any(True for _ in _files(path, False))


def sealed_files(path: Path) -> list[tuple[str, Path]]:
    """The sealed files of the asset at ``path`` (name relative to it, path)."""
    return list(_files(path, True))


def plaintext_chunks(sealed: Path, key: bytes, asset: str, name: str) -> Iterator[bytes]:
    """The plaintext of one sealed file in chunks; SealError at the end if its tag fails.

    For streaming into an encrypted package: whoever consumes the chunks must discard what
    they wrote when the error comes.
    """
    size = sealed.stat().st_size
    with sealed.open("rb") as reader:
        header = reader.read(len(MAGIC) + _NONCE)
        remaining = size - len(header) - _TAG
        if not header.startswith(MAGIC) or remaining < 0:
            raise SealError(f"{sealed} is not a sealed file")
        reader.seek(size - _TAG)
        tag = reader.read(_TAG)
        reader.seek(len(header))
        decryptor = Cipher(algorithms.AES(key), modes.GCM(header[len(MAGIC) :], tag)).decryptor()
        decryptor.authenticate_additional_data(_aad(asset, name))
        while remaining > 0:
            chunk = reader.read(min(_CHUNK, remaining))
            remaining -= len(chunk)
            yield decryptor.update(chunk)
        try:
            yield decryptor.finalize()
        except InvalidTag:
            raise SealError(f"{sealed} fails its integrity check") from None


def plaintext_size(sealed: Path) -> int:
    """The size of a sealed file's plaintext."""
    return sealed.stat().st_size - len(MAGIC) - _NONCE - _TAG


def seal(path: Path, asset: str, custody: KeyCustody) -> SealResult:
    """Encrypt every plaintext file of the asset at ``path`` under its data key."""
    plain = list(_files(path, False))
    if not plain:
        raise SealError(f"{asset!r} has no plaintext file to seal at {path} (already sealed?)")
    opened = custody.data_key(asset, create=custody.info(asset) is None)
    digests = {name: _encrypt(file, opened.key, _aad(asset, name)) for name, file in plain}
    size = sum(f.stat().st_size for _, f in _files(path, True))
    return SealResult(asset, tuple(digests), size, digests, opened.info, opened.created)


def unseal(path: Path, asset: str, custody: KeyCustody) -> SealResult:
    """Decrypt every sealed file of the asset at ``path``, checking each one's tag."""
    sealed = list(_files(path, True))
    if not sealed:
        raise SealError(f"{asset!r} is not sealed at {path}")
    opened = custody.data_key(asset, create=False)
    key = opened.key
    digests: dict[str, str] = {}
    done: list[tuple[Path, Path]] = []
    try:
        for name, file in sealed:
            temp, digests[name] = _decrypt(file, key, _aad(asset, name))
            done.append((temp, file))
    except BaseException:
        for temp, _ in done:
            temp.unlink(missing_ok=True)
        raise
    for temp, file in done:
        os.replace(temp, file)
    return SealResult(
        asset,
        tuple(digests),
        sum(p.stat().st_size for _, p in _files(path, False)),
        digests,
        opened.info,
    )


__all__ = [
    "MAGIC",
    "SealResult",
    "is_sealed",
    "plaintext_chunks",
    "plaintext_size",
    "seal",
    "sealed_files",
    "unseal",
]
