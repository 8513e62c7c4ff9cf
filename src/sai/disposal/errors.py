"""The disposal package's errors: each names the asset, the file or the person and what to do."""

from __future__ import annotations

from sai.errors import InputError, VerificationError


class DisposalError(InputError):
    """A disposal, transfer or approval cannot go ahead; nothing was deleted (exit 2)."""


class NothingToDispose(DisposalError):
    """The asset has no file, copy or key left (already gone)."""


class DisposalIncomplete(VerificationError):
    """A disposal ran but a key copy or a file with the asset's digest remains (exit 1)."""


class CertificateError(VerificationError):
    """A disposal certificate does not verify: tampered, another workspace, or malformed."""


__all__ = ["CertificateError", "DisposalError", "DisposalIncomplete", "NothingToDispose"]
