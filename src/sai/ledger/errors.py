"""The ledger's errors: one root, and one class per thing that can go wrong.

Every class also derives from the matching category in :mod:`sai.errors`, so the CLI maps bad
input to exit 2 and a failed verification to exit 1 without knowing the ledger.
"""

from __future__ import annotations

from sai.errors import InputError, SaiError, VerificationError


class LedgerError(SaiError):
    """Root of every error the ledger package raises."""


class CanonicalJsonError(LedgerError, InputError):
    """A payload is not valid canonical JSON; the message names the byte offset or the path."""


class EvidenceError(LedgerError, InputError):
    """An evidence entry breaks a rule; ``field`` names the offending field."""

    def __init__(self, field: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"evidence field '{field}': {message}", hint=hint)
        self.field = field


class TreeRangeError(LedgerError, InputError, ValueError):
    """An index or tree size lies outside the tree it is asked about."""


class ProofError(LedgerError, VerificationError):
    """An inclusion or consistency proof does not verify."""


class CheckpointError(LedgerError, VerificationError):
    """A checkpoint or signed note fails to parse or to verify."""


class InconsistentTreeError(LedgerError, VerificationError):
    """The signer refuses: the new tree is not consistent with its latest checkpoint."""


__all__ = [
    "CanonicalJsonError",
    "CheckpointError",
    "EvidenceError",
    "InconsistentTreeError",
    "LedgerError",
    "ProofError",
    "TreeRangeError",
]
