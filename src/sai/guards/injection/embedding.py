"""Sentence embeddings from the semantic tier's MiniLM, for other packages (text drift).

One encoder per backend is loaded per process on first use and shared; it needs the ``ml``
extra and the MiniLM weights package (:func:`semantic_available`). ``backend="auto"`` runs
ONNX Runtime when it is installed (its graph takes about a second of CPU to build, faster per
text); ``"numpy"`` starts in a tenth of that, the better choice for a few dozen texts. The two
agree to about 2e-4 per coordinate.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence

from sai.guards.injection._minilm import Matrix, MiniLM

_LOCK = threading.Lock()


@functools.cache
def _encoder(backend: str) -> MiniLM:
    return MiniLM(backend=backend)


def embed_texts(texts: Sequence[str], *, backend: str = "auto") -> Matrix:
    """Unit-length all-MiniLM-L6-v2 embeddings, shape (len(texts), 384); texts past 128 word
    pieces are truncated. ``backend``: ``auto``, ``onnx`` or ``numpy``."""
    with _LOCK:
        return _encoder(backend).embed(list(texts))


__all__ = ["embed_texts"]
