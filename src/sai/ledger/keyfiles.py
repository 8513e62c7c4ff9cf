"""Public keys as people hand them over: a PEM file, a verifier-key string, or a file holding one.

Log keys are signed-note keys (type 0x01); witness keys are cosignature keys (type 0x04). A
PEM key carries no name, so the caller supplies the one the note uses. A key's fingerprint,
``sha256:<hex of the 32-byte public key>``, is what an auditor can pin without the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sai.errors import InputError, SaiError
from sai.ledger.cosignature import CosignatureVerifier
from sai.ledger.note import NoteVerifier

_PEM = b"-----BEGIN"


class KeyFileError(InputError):
    """A key given on the command line is not a readable Ed25519 public key."""


def key_fingerprint(public_key: Ed25519PublicKey) -> str:
    """``sha256:<hex>`` of the raw 32-byte public key."""
    return "sha256:" + hashlib.sha256(public_key.public_bytes_raw()).hexdigest()


def _read(spec: str) -> bytes | None:
    """The file's bytes when ``spec`` names a file, else None (it is the key itself)."""
    path = Path(spec)
    try:
        if not path.is_file():
            return None
        return path.read_bytes()
    except (OSError, ValueError) as exc:
        raise KeyFileError(f"cannot read the key file {spec}: {exc}") from exc


def _pem(data: bytes, source: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise KeyFileError(f"{source} is not a PEM public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"{source} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def _text(data: bytes | None, spec: str) -> str:
    if data is None:
        return spec.strip()
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise KeyFileError(f"{spec} is neither a PEM key nor a verifier key") from exc


def note_verifier_from(spec: str, *, name: str | None = None) -> NoteVerifier:
    """A log key from a PEM file (named ``name``), a verifier key, or a file holding one."""
    data = _read(spec)
    try:
        if data is not None and data.lstrip().startswith(_PEM):
            if name is None:
                raise KeyFileError(f"{spec} is a PEM key: its signed-note key name is needed")
            return NoteVerifier(name, _pem(data, spec))
        return NoteVerifier.from_vkey(_text(data, spec))
    except KeyFileError:
        raise
    except SaiError as exc:
        raise KeyFileError(
            f"{spec} is not a log key: {exc.message}",
            hint="pass the workspace's .sai/keys/signing.pub or its verifier key",
        ) from exc


def cosignature_verifier_from(spec: str, *, name: str) -> CosignatureVerifier:
    """A witness key named ``name``: its witness.vkey file or string, or a PEM public key."""
    data = _read(spec)
    try:
        if data is not None and data.lstrip().startswith(_PEM):
            return CosignatureVerifier(name, _pem(data, spec))
        verifier = CosignatureVerifier.from_vkey(_text(data, spec))
    except KeyFileError:
        raise
    except SaiError as exc:
        raise KeyFileError(f"{spec} is not a witness key: {exc.message}") from exc
    if verifier.name != name:
        raise KeyFileError(f"the witness key in {spec} is named {verifier.name!r}, not {name!r}")
    return verifier


__all__ = [
    "KeyFileError",
    "cosignature_verifier_from",
    "key_fingerprint",
    "note_verifier_from",
]
