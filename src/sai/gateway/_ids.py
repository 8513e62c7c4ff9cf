"""Request ids: random, unguessable, cheap."""

from __future__ import annotations

import os


class RequestIds:
    """Random request ids of 8 bytes, drawn from the OS 512 at a time: one system call (which
    also hands the GIL to other threads) per 512 requests instead of one per request."""

    def __init__(self) -> None:
        self._pool = b""
        self._at = 0

    def next(self) -> str:
        """A fresh id, 16 hex digits."""
        at = self._at
        if at >= len(self._pool):
            self._pool, at = os.urandom(4096), 0
        self._at = at + 8
        return self._pool[at : at + 8].hex()


__all__ = ["RequestIds"]
