"""Witness cosignatures on checkpoints, in the C2SP tlog-cosignature format (Ed25519, v1).

A cosignature is one more signature line on the checkpoint's signed note, by a key the log's
operator does not hold. The signed message is ``cosignature/v1``, ``time <POSIX seconds>``,
then the checkpoint body; the signature bytes are the 8-byte big-endian timestamp followed by
the 64-byte Ed25519 signature, and the key ID is SHA-256(name || 0x0A || 0x04 || key)[:4].
A v1 cosignature states that, at that time, this was the largest tree the witness had seen
of the log and it was consistent with everything the witness saw before.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sai.ledger.checkpoint import SignedCheckpoint
from sai.ledger.errors import CheckpointError
from sai.ledger.note import NoteSignature, SignedNote, b64decode_strict, check_key_name

COSIGNATURE_TYPE = b"\x04"
"""The signature type byte of Ed25519 cosignatures (key IDs and verifier keys)."""
MAX_TIMESTAMP = 2**63 - 1
_VKEY = re.compile(r"([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)")


def cosigner_key_id(name: str, public_key: Ed25519PublicKey) -> bytes:
    """SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]."""
    raw = public_key.public_bytes_raw()
    return hashlib.sha256(name.encode("utf-8") + b"\n" + COSIGNATURE_TYPE + raw).digest()[:4]


def cosigned_message(body: str, timestamp: int) -> bytes:
    """The bytes a v1 cosignature signs: header line, time line, the checkpoint body."""
    return f"cosignature/v1\ntime {timestamp}\n{body}".encode()


@dataclass(frozen=True)
class Cosignature:
    """A verified cosignature: which witness, and when it says it saw the checkpoint."""

    witness: str
    timestamp: int

    @property
    def time(self) -> datetime:
        """The timestamp as a UTC time."""
        return datetime.fromtimestamp(self.timestamp, UTC)


class CosignatureVerifier:
    """Checks cosignatures by one witness key, known by its name and key ID."""

    def __init__(self, name: str, public_key: Ed25519PublicKey) -> None:
        check_key_name(name)
        self.name = name
        self.public_key = public_key
        self.key_id = cosigner_key_id(name, public_key)

    @classmethod
    def from_vkey(cls, vkey: str) -> CosignatureVerifier:
        """Parse ``<name>+<8 hex key ID>+<base64(0x04 || 32-byte key)>``."""
        found = _VKEY.fullmatch(vkey.strip()) if isinstance(vkey, str) else None
        if found is None:
            raise CheckpointError(f"{vkey!r} is not a witness verifier key (name+keyid+base64)")
        name, hex_id, blob = found.groups()
        raw = b64decode_strict(blob, "the witness key's public key")
        if len(raw) != 33 or raw[:1] != COSIGNATURE_TYPE:
            raise CheckpointError(
                "the verifier key is not an Ed25519 cosignature (type 0x04) key",
                hint="a witness key is printed by `sai ledger witness` (file witness.vkey)",
            )
        try:
            verifier = cls(name, Ed25519PublicKey.from_public_bytes(raw[1:]))
        except ValueError:
            raise CheckpointError("the witness key holds an invalid Ed25519 key") from None
        if verifier.key_id.hex() != hex_id:
            raise CheckpointError(f"the witness key's ID {hex_id} does not match its key")
        return verifier

    @property
    def key(self) -> str:
        """``name+keyid`` (hex)."""
        return f"{self.name}+{self.key_id.hex()}"

    def verifier_key(self) -> str:
        """The verifier key string, the inverse of :meth:`from_vkey`."""
        blob = base64.b64encode(COSIGNATURE_TYPE + self.public_key.public_bytes_raw()).decode()
        return f"{self.key}+{blob}"

    def verify(self, body: str, signature: NoteSignature) -> Cosignature | None:
        """The cosignature, when ``signature`` is this witness's valid one over ``body``."""
        if signature.key_name != self.name or signature.key_id != self.key_id:
            return None
        if len(signature.signature) != 8 + 64:
            return None
        timestamp = int.from_bytes(signature.signature[:8], "big")
        if timestamp > MAX_TIMESTAMP:
            return None
        try:
            self.public_key.verify(signature.signature[8:], cosigned_message(body, timestamp))
        except InvalidSignature:
            return None
        return Cosignature(self.name, timestamp)

    def find(self, signed: SignedCheckpoint) -> Cosignature | None:
        """This witness's valid cosignature on ``signed``, if it carries one."""
        for signature in signed.note.signatures:
            found = self.verify(signed.note.text, signature)
            if found is not None:
                return found
        return None


class Cosigner:
    """A witness's signing key: cosigns checkpoints it has checked."""

    def __init__(self, name: str, private_key: Ed25519PrivateKey) -> None:
        check_key_name(name)
        self.name = name
        self._private_key = private_key
        self.key_id = cosigner_key_id(name, private_key.public_key())

    def verifier(self) -> CosignatureVerifier:
        """The matching verifier (publish its ``verifier_key()``)."""
        return CosignatureVerifier(self.name, self._private_key.public_key())

    def cosign(self, signed: SignedCheckpoint, timestamp: int) -> SignedCheckpoint:
        """``signed`` with this witness's cosignature added (replacing an earlier one)."""
        if type(timestamp) is not int or not 0 <= timestamp <= MAX_TIMESTAMP:
            raise CheckpointError(f"the timestamp {timestamp!r} is not a POSIX time")
        raw = self._private_key.sign(cosigned_message(signed.note.text, timestamp))
        line = NoteSignature(self.name, self.key_id, timestamp.to_bytes(8, "big") + raw)
        kept = tuple(
            sig
            for sig in signed.note.signatures
            if (sig.key_name, sig.key_id) != (self.name, self.key_id)
        )
        return SignedCheckpoint(signed.checkpoint, SignedNote(signed.note.text, (*kept, line)))

    def __repr__(self) -> str:
        return f"Cosigner({self.name}+{self.key_id.hex()})"


def require_cosignatures(
    signed: SignedCheckpoint, witnesses: Sequence[CosignatureVerifier]
) -> list[Cosignature]:
    """Every witness's cosignature on ``signed``; CheckpointError names the first missing."""
    found = []
    for witness in witnesses:
        cosignature = witness.find(signed)
        if cosignature is None:
            raise CheckpointError(
                f"the checkpoint carries no valid cosignature by the witness {witness.key}",
                hint="ask the witness to run `sai ledger witness` on this checkpoint",
            )
        found.append(cosignature)
    return found


__all__ = [
    "COSIGNATURE_TYPE",
    "Cosignature",
    "CosignatureVerifier",
    "Cosigner",
    "cosigned_message",
    "cosigner_key_id",
    "require_cosignatures",
]
