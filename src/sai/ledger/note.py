"""C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys.

A note is UTF-8 text ending in a newline, a blank line, then one line per signature:
``— <key name> <base64(4-byte key ID || signature)>``. The key ID is the first four bytes of
SHA-256(key name || 0x0A || 0x01 || public key), so notes written here open with
golang.org/x/mod/sumdb/note and every other implementation of the format, and back.
The format itself (text, signature lines, key IDs) is parsed in
:mod:`sai.ledger._notesyntax` (re-exported here).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sai.ledger._notesyntax import (
    ED25519_TYPE,
    MAX_SIGNATURES,
    NoteSignature,
    SignedNote,
    b64decode_strict,
    check_key_name,
    check_note_text,
    key_id,
)
from sai.ledger.errors import CheckpointError

_VKEY = re.compile(r"([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)")


class NoteSigner:
    """Signs note text with an Ed25519 key under a key name."""

    def __init__(self, name: str, private_key: Ed25519PrivateKey) -> None:
        check_key_name(name)
        self.name = name
        self._private_key = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id(name, self.public_key)

    def sign(self, text: str) -> NoteSignature:
        """Sign ``text`` (which must be valid note text)."""
        check_note_text(text)
        signature = self._private_key.sign(text.encode("utf-8"))
        return NoteSignature(key_name=self.name, key_id=self.key_id, signature=signature)

    def verifier(self) -> NoteVerifier:
        """The matching verifier."""
        return NoteVerifier(self.name, self.public_key)

    def verifier_key(self) -> str:
        """``<name>+<key ID hex>+<base64(0x01 || public key)>``, the form auditors configure."""
        return self.verifier().verifier_key()

    def __repr__(self) -> str:
        return f"NoteSigner({self.name}+{self.key_id.hex()})"


class NoteVerifier:
    """Checks signatures by one Ed25519 key, known by its name and key ID."""

    def __init__(self, name: str, public_key: Ed25519PublicKey) -> None:
        check_key_name(name)
        self.name = name
        self.public_key = public_key
        self.key_id = key_id(name, public_key)

    @classmethod
    def from_vkey(cls, vkey: str) -> NoteVerifier:
        """Parse a verifier key ``<name>+<8 hex key ID>+<base64(0x01 || 32-byte key)>``."""
        found = _VKEY.fullmatch(vkey) if isinstance(vkey, str) else None
        if found is None:
            raise CheckpointError(
                f"{vkey!r} is not a verifier key of the form name+keyid+base64",
                hint="a verifier key looks like example.org/log+1a2b3c4d+AZ3k...= "
                "(docs/ledger-format.md, section 5)",
            )
        name, hex_id, blob = found.groups()
        check_key_name(name)
        raw = b64decode_strict(blob, "the verifier key's public key")
        if len(raw) != 33 or raw[:1] != ED25519_TYPE:
            raise CheckpointError("the verifier key is not an Ed25519 (type 0x01) public key")
        try:
            public_key = Ed25519PublicKey.from_public_bytes(raw[1:])
        except ValueError:
            raise CheckpointError("the verifier key holds an invalid Ed25519 public key") from None
        verifier = cls(name, public_key)
        if verifier.key_id.hex() != hex_id:
            raise CheckpointError(
                f"the verifier key's ID {hex_id} does not match its name and public key "
                f"(expected {verifier.key_id.hex()})"
            )
        return verifier

    @property
    def key(self) -> str:
        """``name+keyid`` (hex)."""
        return f"{self.name}+{self.key_id.hex()}"

    def verifier_key(self) -> str:
        """The verifier key string, the inverse of :meth:`from_vkey`."""
        blob = base64.b64encode(ED25519_TYPE + self.public_key.public_bytes_raw()).decode()
        return f"{self.key}+{blob}"

    def matches(self, signature: NoteSignature) -> bool:
        """Whether ``signature`` claims to be by this key (same name and key ID)."""
        return signature.key_name == self.name and signature.key_id == self.key_id

    def verify(self, text: str, signature: NoteSignature) -> bool:
        """Whether ``signature`` is this key's valid signature over ``text``."""
        if not self.matches(signature) or len(signature.signature) != 64:
            return False
        try:
            self.public_key.verify(signature.signature, text.encode("utf-8"))
        except InvalidSignature:
            return False
        return True

    def __repr__(self) -> str:
        return f"NoteVerifier({self.key})"


def sign_note(text: str, signer: NoteSigner) -> SignedNote:
    """A note carrying ``text`` and one signature by ``signer``."""
    return SignedNote(text=text, signatures=(signer.sign(text),))


def open_note(data: bytes, verifiers: Sequence[NoteVerifier]) -> SignedNote:
    """Parse ``data`` and check it carries a valid signature by one of ``verifiers``.

    Signatures by unknown keys are ignored (and stay in the result, unchecked); a signature
    that claims a known key and does not verify rejects the whole note.
    """
    note = SignedNote.from_bytes(data)
    known: dict[tuple[str, bytes], NoteVerifier] = {}
    for verifier in verifiers:
        slot = (verifier.name, verifier.key_id)
        other = known.setdefault(slot, verifier)
        if other.public_key.public_bytes_raw() != verifier.public_key.public_bytes_raw():
            raise CheckpointError(f"two different verifier keys are named {verifier.key}")
    verified = 0
    for signature in note.signatures:
        claimed = known.get((signature.key_name, signature.key_id))
        if claimed is None:
            continue
        if not claimed.verify(note.text, signature):
            raise CheckpointError(f"the signature by {signature.key} does not verify")
        verified += 1
    if not verified:
        expected = ", ".join(sorted(v.key for v in known.values())) or "none"
        found = ", ".join(sig.key for sig in note.signatures)
        raise CheckpointError(
            f"the note is not signed by a trusted key (expected {expected}; found {found})",
            hint="check that you configured the log's verifier key",
        )
    return note


__all__ = [
    "ED25519_TYPE",
    "MAX_SIGNATURES",
    "NoteSignature",
    "NoteSigner",
    "NoteVerifier",
    "SignedNote",
    "b64decode_strict",
    "check_key_name",
    "check_note_text",
    "key_id",
    "open_note",
    "sign_note",
]
