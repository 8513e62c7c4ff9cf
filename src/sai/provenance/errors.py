"""The provenance package's errors: each names the file, row, column or URL and what to do."""

from __future__ import annotations

from sai.errors import InputError, VerificationError


class ProvenanceError(InputError):
    """Root of the provenance errors that come from bad input (exit 2)."""


class DataFormatError(ProvenanceError):
    """A data file cannot be read as a table; the message names the row or column."""


class FetchError(ProvenanceError):
    """A download failed or was incomplete; nothing was recorded."""


class NoRecordError(ProvenanceError):
    """A dataset has no recorded provenance to work from."""


class IntegrityError(VerificationError):
    """Data no longer matches its recorded digests (exit 1)."""


__all__ = [
    "DataFormatError",
    "FetchError",
    "IntegrityError",
    "NoRecordError",
    "ProvenanceError",
]
