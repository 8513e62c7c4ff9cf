"""Sentence embeddings from the semantic tier's MiniLM, for other packages (text drift).

One encoder is loaded per process on first use (about half a second) and shared; it needs the
``ml`` extra and the MiniLM weights package (:func:`semantic_available`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence

from sai.guards.injection._minilm import Matrix, MiniLM

_LOCK = threading.Lock()


@functools.cache
def _encoder() -> MiniLM:
    return MiniLM()


def embed_texts(texts: Sequence[str]) -> Matrix:
    """Unit-length all-MiniLM-L6-v2 embeddings, shape (len(texts), 384); texts past 128 word
    pieces are truncated."""
    with _LOCK:
        return _encoder().embed(list(texts))


__all__ = ["embed_texts"]
