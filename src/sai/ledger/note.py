"""C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys.

A note is UTF-8 text ending in a newline, a blank line, then one line per signature:
``— <key name> <base64(4-byte key ID || signature)>``. The key ID is the first four bytes of
SHA-256(key name || 0x0A || 0x01 || public key), so notes written here open with
golang.org/x/mod/sumdb/note and every other implementation of the format, and back.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sai._record import FrozenRecord
from sai.ledger.errors import CheckpointError

ED25519_TYPE = b"\x01"
"""The signature type byte of Ed25519 in the key ID and the verifier key."""

MAX_SIGNATURES = 100
"""More signature lines than this make a note malformed (the spec asks for at least 16)."""

_DASH = "\u2014 "
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")
_VKEY = re.compile(r"([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)")


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
