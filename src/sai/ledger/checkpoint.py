"""C2SP tlog checkpoints (c2sp.org/tlog-checkpoint): the signed head of the Merkle log.

The body is ``origin``, the tree size in decimal, the base64 root hash, then optional
extension lines, each ending in a newline; it is the text of a signed note. A
:class:`CheckpointSigner` never signs a tree that does not extend the last one it signed.
"""

from __future__ import annotations

import base64
import re
import threading
from collections.abc import Sequence

from sai._record import FrozenRecord
from sai.ledger.errors import CheckpointError, InconsistentTreeError, ProofError
from sai.ledger.merkle import HASH_SIZE, empty_root, verify_consistency
from sai.ledger.note import (
    NoteSigner,
    NoteVerifier,
    SignedNote,
    b64decode_strict,
    check_note_text,
    open_note,
    sign_note,
)

MAX_TREE_SIZE = 2**64 - 1
_SIZE = re.compile(r"0|[1-9][0-9]{0,19}", re.ASCII)


def _check_line(what: str, line: str) -> None:
    if not isinstance(line, str) or not line:
        raise CheckpointError(f"the checkpoint {what} must be a non-empty string")
    if "\n" in line:
        raise CheckpointError(f"the checkpoint {what} must be a single line")
    check_note_text(line + "\n")


# NOTE: `sai._record` classes, not dataclasses: a dataclass compiles its methods at import,
# which `sai scan` pays on every start.
class Checkpoint(FrozenRecord):
    """A tree head: which log (origin), how many leaves, and the root hash."""

    __slots__ = ("extensions", "origin", "root", "size")
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...]

    def __init__(self, origin: str, size: int, root: bytes, extensions: Sequence[str] = ()) -> None:
        _check_line("origin", origin)
        if type(size) is not int or not 0 <= size <= MAX_TREE_SIZE:
            raise CheckpointError(f"the tree size {size!r} is not a 64-bit unsigned integer")
        if not isinstance(root, bytes) or len(root) != HASH_SIZE:
            raise CheckpointError(f"the root hash must be {HASH_SIZE} bytes")
        self._assign(origin, size, root, tuple(extensions))
        for line in self.extensions:
            _check_line("extension line", line)

    def body(self) -> str:
        """The note text: one line each for origin, size, root, then the extensions."""
        root = base64.b64encode(self.root).decode("ascii")
        return "".join(
            f"{line}\n" for line in (self.origin, str(self.size), root, *self.extensions)
        )

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """Parse a checkpoint body strictly; CheckpointError names the line at fault."""
        if not isinstance(text, str) or not text.endswith("\n"):
            raise CheckpointError("a checkpoint body must end with a newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3:
            raise CheckpointError("a checkpoint body has at least three lines: origin, size, root")
        origin, size, root, *extensions = lines
        if not _SIZE.fullmatch(size) or int(size) > MAX_TREE_SIZE:
            raise CheckpointError(
                f"line 2: {size!r} is not a tree size (decimal, no leading zeros)"
            )
        raw_root = b64decode_strict(root, "line 3 (the root hash)")
        if len(raw_root) != HASH_SIZE:
            raise CheckpointError(
                f"line 3: the root hash is {len(raw_root)} bytes, not {HASH_SIZE}"
            )
        for number, line in enumerate(extensions, start=4):
            if not line:
                raise CheckpointError(f"line {number}: extension lines must not be empty")
        checkpoint = cls(origin=origin, size=int(size), root=raw_root, extensions=tuple(extensions))
        if checkpoint.body() != text:  # pragma: no cover - the checks above make this exact
            raise CheckpointError("the checkpoint body is not in canonical form")
        return checkpoint


class SignedCheckpoint(FrozenRecord):
    """A checkpoint and the signed note that carries it."""

    __slots__ = ("checkpoint", "note")
    checkpoint: Checkpoint
    note: SignedNote

    def __init__(self, checkpoint: Checkpoint, note: SignedNote) -> None:
        if note.text != checkpoint.body():
            raise CheckpointError("the note's text is not this checkpoint's body")
        self._assign(checkpoint, note)

    def to_bytes(self) -> bytes:
        """The signed checkpoint as published."""
        return self.note.to_bytes()


def sign_checkpoint(cp: Checkpoint, signer: NoteSigner) -> SignedCheckpoint:
    """Sign ``cp`` without any consistency check (see CheckpointSigner for the guarded way)."""
    return SignedCheckpoint(checkpoint=cp, note=sign_note(cp.body(), signer))


def open_checkpoint(
    data: bytes, verifiers: Sequence[NoteVerifier], *, origin: str | None = None
) -> SignedCheckpoint:
    """Verify the note's signature first, then parse the checkpoint and check its origin."""
    note = open_note(data, verifiers)
    checkpoint = Checkpoint.parse(note.text)
    if origin is not None and checkpoint.origin != origin:
        raise CheckpointError(
            f"the checkpoint is for the log {checkpoint.origin!r}, expected {origin!r}",
            hint="check that the checkpoint belongs to this workspace's ledger",
        )
    return SignedCheckpoint(checkpoint=checkpoint, note=note)


class CheckpointSigner:
    """Keeps its latest checkpoint; refuses to sign a tree not consistent with it.

    A log must never sign two heads that cannot both be prefixes of one tree (a fork). Give
    the signer the last checkpoint it signed (it checks that checkpoint's signature with its
    own key) and every new head must come with a consistency proof from that one.
    """

    def __init__(
        self, signer: NoteSigner, origin: str, latest: SignedCheckpoint | None = None
    ) -> None:
        _check_line("origin", origin)
        self._signer = signer
        self.origin = origin
        self._lock = threading.Lock()
        if latest is not None:
            if latest.checkpoint.origin != origin:
                raise CheckpointError(
                    f"the latest checkpoint is for {latest.checkpoint.origin!r}, not {origin!r}"
                )
            open_note(latest.to_bytes(), [signer.verifier()])
        self._latest = latest

    @property
    def latest(self) -> SignedCheckpoint | None:
        """The last checkpoint signed (or given at construction)."""
        return self._latest

    def sign_next(
        self,
        size: int,
        root: bytes,
        consistency: Sequence[bytes],
        *,
        extensions: Sequence[str] = (),
    ) -> SignedCheckpoint:
        """Sign the head (size, root) after checking it extends the latest checkpoint."""
        checkpoint = Checkpoint(self.origin, size, root, tuple(extensions))
        with self._lock:
            self._check_extends(checkpoint, consistency)
            signed = sign_checkpoint(checkpoint, self._signer)
            self._latest = signed
        return signed

    def _check_extends(self, new: Checkpoint, consistency: Sequence[bytes]) -> None:
        if new.size == 0 and new.root != empty_root():
            raise InconsistentTreeError("the root of an empty tree must be SHA-256 of no bytes")
        if self._latest is None:
            return
        old = self._latest.checkpoint
        if new.size < old.size:
            raise InconsistentTreeError(
                f"refusing to sign size {new.size}: the latest checkpoint has size {old.size} "
                "and a log never shrinks"
            )
        if new.size == old.size and new.root != old.root:
            raise InconsistentTreeError(
                f"refusing to sign a second, different root for tree size {new.size}"
            )
        if old.size == 0:
            if consistency:
                raise InconsistentTreeError("a proof from the empty tree must be empty")
            return
        try:
            verify_consistency(old.size, new.size, consistency, old.root, new.root)
        except ProofError as exc:
            raise InconsistentTreeError(
                f"refusing to sign size {new.size}: it is not consistent with the latest "
                f"checkpoint (size {old.size}): {exc.message}",
                hint="the log may have been rewritten; run `sai ledger verify`",
            ) from exc
