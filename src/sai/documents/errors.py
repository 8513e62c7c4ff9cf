"""Errors of the documents package; each says what to run or change."""

from __future__ import annotations

from sai.errors import InputError


class DocumentsError(InputError):
    """A document cannot be built, published, announced or acknowledged as asked (exit 2)."""


__all__ = ["DocumentsError"]
