"""The C2SP signed-note format: its text, signature lines and key IDs, parsed strictly.

Parsing and writing only; the Ed25519 signers and verifiers are in :mod:`sai.ledger.note`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sai._record import FrozenRecord
from sai.ledger.errors import CheckpointError

ED25519_TYPE = b"\x01"
"""The signature type byte of Ed25519 in the key ID and the verifier key."""

MAX_SIGNATURES = 100
"""More signature lines than this make a note malformed (the spec asks for at least 16)."""

_DASH = "\u2014 "
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")


def b64decode_strict(text: str, what: str) -> bytes:
    """Strict standard base64: correct padding and the one canonical spelling."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise CheckpointError(f"{what} is not valid base64") from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise CheckpointError(f"{what} is not canonical base64")
    return raw


def check_key_name(name: str) -> None:
    """Refuse a key name the spec forbids: empty, with a space, a '+', or a control char."""
    if not isinstance(name, str) or not name:
        raise CheckpointError("a key name must be a non-empty string")
    if any(char.isspace() or char == "+" for char in name) or _CONTROL.search(name):
        raise CheckpointError(f"key name {name!r} must not contain spaces, '+' or control chars")


def check_note_text(text: str) -> None:
    """Refuse note text that is not newline-terminated or that holds control characters."""
    if not isinstance(text, str) or not text.endswith("\n"):
        raise CheckpointError("note text must end with a newline")
    found = _CONTROL.search(text)
    if found:
        raise CheckpointError(
            f"note text has the control character U+{ord(found.group()):04X} at "
            f"character {found.start()}; only newlines are allowed"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise CheckpointError("note text contains a lone surrogate") from None


def key_id(name: str, public_key: Ed25519PublicKey) -> bytes:
    """SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4], the spec's Ed25519 key ID."""
    raw = public_key.public_bytes_raw()
    return hashlib.sha256(name.encode("utf-8") + b"\n" + ED25519_TYPE + raw).digest()[:4]


class NoteSignature(FrozenRecord):
    """One signature line: who signed (name and key ID) and the signature bytes."""

    __slots__ = ("key_id", "key_name", "signature")
    key_name: str
    key_id: bytes
    signature: bytes

    def __init__(self, key_name: str, key_id: bytes, signature: bytes) -> None:
        check_key_name(key_name)
        if not isinstance(key_id, bytes) or len(key_id) != 4:
            raise CheckpointError("a key ID is exactly 4 bytes")
        if not isinstance(signature, bytes) or not signature:
            raise CheckpointError("a signature must not be empty")
        self._assign(key_name, key_id, signature)

    @property
    def key(self) -> str:
        """``name+keyid`` (hex), how people and error messages refer to the key."""
        return f"{self.key_name}+{self.key_id.hex()}"

    def line(self) -> str:
        """The signature line, newline included."""
        blob = base64.b64encode(self.key_id + self.signature).decode("ascii")
        return f"{_DASH}{self.key_name} {blob}\n"


class SignedNote(FrozenRecord):
    """Note text and its signatures; ``to_bytes`` and ``from_bytes`` are exact inverses."""

    __slots__ = ("signatures", "text")
    text: str
    signatures: tuple[NoteSignature, ...]

    def __init__(self, text: str, signatures: Sequence[NoteSignature]) -> None:
        check_note_text(text)
        if not signatures:
            raise CheckpointError("a signed note needs at least one signature")
        if len(signatures) > MAX_SIGNATURES:
            raise CheckpointError(f"a note may carry at most {MAX_SIGNATURES} signatures")
        self._assign(text, tuple(signatures))

    def to_bytes(self) -> bytes:
        """The note as written to disk or sent over the wire."""
        lines = "".join(sig.line() for sig in self.signatures)
        return (self.text + "\n" + lines).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> SignedNote:
        """Parse a note strictly; any deviation from the spec raises CheckpointError."""
        try:
            message = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CheckpointError(f"the note is not UTF-8 (byte {exc.start})") from None
        except TypeError:
            raise CheckpointError("a note must be bytes") from None
        split = message.rfind("\n\n")
        if split < 0:
            raise CheckpointError("the note has no blank line between text and signatures")
        text, block = message[: split + 1], message[split + 2 :]
        check_note_text(text)
        if not block:
            raise CheckpointError("the note has no signature lines")
        if not block.endswith("\n"):
            raise CheckpointError("the last signature line must end with a newline")
        lines = block[:-1].split("\n")
        if len(lines) > MAX_SIGNATURES:
            raise CheckpointError(f"the note has more than {MAX_SIGNATURES} signatures")
        return cls(
            text=text, signatures=tuple(_parse_line(n, line) for n, line in enumerate(lines))
        )


def _parse_line(number: int, line: str) -> NoteSignature:
    where = f"signature line {number + 1}"
    if not line.startswith(_DASH):
        raise CheckpointError(f"{where} does not start with an em dash and a space")
    parts = line[len(_DASH) :].split(" ")
    if len(parts) != 2:
        raise CheckpointError(f"{where} must be '— <key name> <base64 signature>'")
    name, blob = parts
    check_key_name(name)
    if _CONTROL.search(blob):
        raise CheckpointError(f"{where} contains a control character")
    raw = b64decode_strict(blob, f"the signature on {where}")
    if len(raw) < 5:
        raise CheckpointError(f"the signature on {where} is shorter than a key ID plus one byte")
    return NoteSignature(key_name=name, key_id=raw[:4], signature=raw[4:])
