"""The root of the scanner's own errors, under ``sai.errors.SaiError``.

Readers of untrusted bytes (containers, the pickle stream, protobuf, GGUF) raise subclasses
of ``ScanningError`` carrying the byte offset where reading stopped; the format scanners turn
each into a fail-closed finding, so none of them ever reaches a user as a traceback.
"""

from __future__ import annotations

from sai.errors import SaiError


class ScanningError(SaiError):
    """Bytes under scan cannot be read further at ``offset`` (None when unknown)."""

    exit_code = 2

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset


__all__ = ["ScanningError"]
