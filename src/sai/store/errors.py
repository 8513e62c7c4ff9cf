"""Errors of the store: an unusable database URL, an unreachable or too-new database."""

from __future__ import annotations

from sai.errors import SaiError


class StoreError(SaiError):
    """The database behind the ledger cannot be used as configured (exit 2)."""

    exit_code = 2


__all__ = ["StoreError"]
