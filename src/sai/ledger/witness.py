"""A witness: cosigns a log's checkpoint only after checking it extends the last one it saw.

The witness keeps its own state directory, apart from the operator's workspace: its Ed25519
key (``witness.key``, mode 0600), its public verifier key (``witness.vkey``, to hand to
auditors), the log key it pinned for each origin, and the last checkpoint it cosigned for
each origin. A checkpoint that is smaller than, or not consistent with, the last one seen is
refused: the operator cannot rewrite history a witness has cosigned.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sai.ledger._checkpoints import write_atomically
from sai.ledger.checkpoint import Checkpoint, SignedCheckpoint, open_checkpoint
from sai.ledger.cosignature import Cosigner
from sai.ledger.errors import CheckpointError, InconsistentTreeError, ProofError
from sai.ledger.merkle import verify_consistency
from sai.ledger.note import NoteVerifier, SignedNote

KEY_FILE = "witness.key"
VKEY_FILE = "witness.vkey"
STATE_FILE = "witness.json"

#: Gives the consistency proof between two sizes of the log (e.g. `Ledger.prove_consistency`).
ProofSource = Callable[[int, int], Sequence[bytes]]


@dataclass(frozen=True)
class Witnessed:
    """The outcome: the cosigned checkpoint and the size the witness had seen before."""

    signed: SignedCheckpoint
    previous_size: int | None


def _slot(origin: str) -> str:
    return hashlib.sha256(origin.encode("utf-8")).hexdigest()[:16]


class WitnessState:
    """A witness's state directory: key, pinned log keys and last checkpoints seen."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def exists(self) -> bool:
        """Whether a witness key was created here."""
        return (self.directory / KEY_FILE).is_file()

    def create(self, name: str) -> Cosigner:
        """Make a new witness key named ``name`` (refuses when one exists)."""
        if self.exists():
            raise CheckpointError(f"{self.directory} already holds a witness key")
        key = Ed25519PrivateKey.generate()
        cosigner = Cosigner(name, key)
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path = self.directory / KEY_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        (self.directory / VKEY_FILE).write_text(cosigner.verifier().verifier_key() + "\n")
        self._save({"name": name, "logs": {}})
        return cosigner

    def cosigner(self) -> Cosigner:
        """The witness's key."""
        if not self.exists():
            raise CheckpointError(
                f"{self.directory} holds no witness key",
                hint="create one with `sai ledger witness --state DIR --name NAME`",
            )
        key = serialization.load_pem_private_key(
            (self.directory / KEY_FILE).read_bytes(), password=None
        )
        if not isinstance(key, Ed25519PrivateKey):
            raise CheckpointError(f"{self.directory / KEY_FILE} is not an Ed25519 key")
        return Cosigner(str(self._load()["name"]), key)

    def _load(self) -> dict[str, object]:
        path = self.directory / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CheckpointError(f"cannot read the witness state {path}: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("logs"), dict):
            raise CheckpointError(f"{path} is not a witness state file")
        return data

    def _save(self, data: dict[str, object]) -> None:
        write_atomically(self.directory / STATE_FILE, json.dumps(data, indent=2).encode())

    def log_key(self, origin: str) -> NoteVerifier | None:
        """The log key pinned for ``origin``, if any."""
        logs = self._load()["logs"]
        assert isinstance(logs, dict)
        vkey = logs.get(origin)
        return None if vkey is None else NoteVerifier.from_vkey(str(vkey))

    def pin(self, origin: str, verifier: NoteVerifier) -> None:
        """Remember ``verifier`` as the key of the log ``origin``."""
        data = self._load()
        logs = data["logs"]
        assert isinstance(logs, dict)
        logs[origin] = verifier.verifier_key()
        self._save(data)

    def last_seen(self, origin: str) -> bytes | None:
        """The last checkpoint cosigned for ``origin`` (note bytes)."""
        path = self.directory / "logs" / f"{_slot(origin)}.checkpoint"
        return path.read_bytes() if path.is_file() else None

    def remember(self, signed: SignedCheckpoint) -> None:
        """Keep ``signed`` as the last checkpoint seen of its log."""
        path = self.directory / "logs" / f"{_slot(signed.checkpoint.origin)}.checkpoint"
        write_atomically(path, signed.to_bytes())


def _origin_of(note: bytes) -> str:
    """The origin line of a checkpoint note, before any signature is checked."""
    return Checkpoint.parse(SignedNote.from_bytes(note).text).origin


def _check_extends(old: Checkpoint, new: Checkpoint, proofs: ProofSource | None) -> None:
    if new.size < old.size:
        raise InconsistentTreeError(
            f"refusing to cosign size {new.size}: this witness already cosigned size "
            f"{old.size} of the log, and a log never shrinks",
            hint="a cosignature states the largest tree the witness has seen",
        )
    if new.size == old.size:
        if new.root != old.root:
            raise InconsistentTreeError(
                f"the log shows a second, different root for size {new.size}: it was rewritten"
            )
        return
    if old.size == 0:
        return
    if proofs is None:
        raise CheckpointError(
            f"a consistency proof from size {old.size} is needed",
            hint="give the log's workspace with -w (a read-only copy is enough)",
        )
    try:
        verify_consistency(old.size, new.size, proofs(old.size, new.size), old.root, new.root)
    except ProofError as exc:
        raise InconsistentTreeError(
            f"refusing to cosign size {new.size}: it is not consistent with size {old.size} "
            f"that this witness cosigned before ({exc.message}): the log was rewritten"
        ) from exc


def witness(
    state: WitnessState,
    note: bytes,
    *,
    timestamp: int,
    log_key: NoteVerifier | None = None,
    proofs: ProofSource | None = None,
) -> Witnessed:
    """Check ``note`` against the pinned log key and the last checkpoint seen; cosign it.

    The first time a log is seen, ``log_key`` must be given and is pinned; afterwards a
    different one is refused.
    """
    cosigner = state.cosigner()
    origin = _origin_of(note)
    pinned = state.log_key(origin)
    if pinned is None and log_key is None:
        raise CheckpointError(
            f"this witness has not seen the log {origin!r} before",
            hint="give the log operator's public key with --log-key the first time",
        )
    if pinned is not None and log_key is not None and pinned.key != log_key.key:
        raise CheckpointError(
            f"--log-key {log_key.key} differs from the key {pinned.key} pinned for {origin!r}"
        )
    verifier = pinned or log_key
    assert verifier is not None
    signed = open_checkpoint(note, [verifier], origin=origin)
    kept = state.last_seen(origin)
    previous = None if kept is None else open_checkpoint(kept, [verifier], origin=origin)
    if previous is not None:
        _check_extends(previous.checkpoint, signed.checkpoint, proofs)
    cosigned = cosigner.cosign(signed, timestamp)
    if pinned is None:
        state.pin(origin, verifier)
    state.remember(cosigned)
    return Witnessed(cosigned, None if previous is None else previous.checkpoint.size)


__all__ = ["ProofSource", "WitnessState", "Witnessed", "witness"]
