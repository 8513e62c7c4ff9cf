"""The key an auditor pins for `sai verify`: a PEM public key file or a verifier key string."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sai.assessment.report.schema import load_report_json
from sai.errors import InputError, SaiError
from sai.ledger.note import NoteVerifier

_PEM = b"-----BEGIN"


class KeyInputError(InputError):
    """The key given with --key is not a readable Ed25519 public key or verifier key."""


def _embedded_key_name(report_bytes: bytes) -> str:
    """The key name of the report's embedded verifier key (``name+keyid+base64``)."""
    document = load_report_json(report_bytes)
    ledger = document.get("ledger")
    vkey = ledger.get("verifier_key") if isinstance(ledger, dict) else None
    name = vkey.split("+", 1)[0] if isinstance(vkey, str) else ""
    if not name:
        raise KeyInputError(
            "the report names no verifier key, so the PEM key's name is unknown",
            hint="give the signer's key name with --key-name (the part before the first '+' of "
            "their verifier key)",
        )
    return name


def _from_pem(data: bytes, source: str, name: str) -> NoteVerifier:
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise KeyInputError(f"{source} is not a PEM public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyInputError(f"{source} holds a {type(key).__name__}, not an Ed25519 public key")
    try:
        return NoteVerifier(name, key)
    except SaiError as exc:
        raise KeyInputError(f"the key name {name!r} is not usable: {exc.message}") from exc


def _from_vkey(text: str, source: str, key_name: str | None) -> NoteVerifier:
    try:
        verifier = NoteVerifier.from_vkey(text)
    except SaiError as exc:
        raise KeyInputError(
            f"{source} is not a verifier key: {exc.message}",
            hint="pass the owner's .sai/keys/signing.pub, or their verifier key "
            "name+<8 hex digits>+<base64>",
        ) from exc
    if key_name is not None and key_name != verifier.name:
        raise KeyInputError(f"--key-name {key_name!r} differs from the key's own name")
    return verifier


def load_verifier_key(
    spec: str, report_bytes: bytes, *, key_name: str | None = None
) -> NoteVerifier:
    """Turn ``--key`` into a verifier: a PEM file, a file holding a verifier key, or the key.

    A PEM key carries no name, and signed notes name their keys; the name is ``key_name``
    when given, else the name of the report's embedded verifier key. Taking the name from the
    report is safe: the signature must still verify under the pinned public key.
    """
    path = Path(spec)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):
        is_file = False
    if is_file:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise KeyInputError(f"cannot read the key file {spec}: {exc.strerror}") from exc
        if data.lstrip().startswith(_PEM):
            name = key_name or _embedded_key_name(report_bytes)
            return _from_pem(data, spec, name)
        try:
            text = data.decode("utf-8").strip()
        except UnicodeDecodeError as exc:
            raise KeyInputError(f"{spec} is neither a PEM key nor a verifier key") from exc
        return _from_vkey(text, spec, key_name)
    if spec.count("+") < 2:
        raise KeyInputError(
            f"--key {spec!r} is neither an existing file nor a verifier key (name+keyid+base64)",
            hint="pass the workspace's .sai/keys/signing.pub, or the verifier key string",
        )
    return _from_vkey(spec.strip(), "--key", key_name)


__all__ = ["KeyInputError", "load_verifier_key"]
