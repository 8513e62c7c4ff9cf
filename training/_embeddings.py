"""An on-disk cache of MiniLM embeddings by text (training speed only; never shipped)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


class CachedEncoder:
    """Wraps an encoder with ``embed(texts)``; remembers every embedding it computed."""

    def __init__(self, encoder: object, path: Path | None) -> None:
        self.encoder = encoder
        self.path = path
        self.table: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            with np.load(path, allow_pickle=False) as data:
                texts = json.loads(data["texts"].tobytes().decode("utf-8"))
                self.table = dict(zip(texts, data["vectors"], strict=True))

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.table})
        if missing:
            vectors = self.encoder.embed(missing)  # type: ignore[attr-defined]
            self.table.update(zip(missing, vectors, strict=True))
        return np.stack([self.table[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is not None:
            texts = sorted(self.table)
            blob = np.frombuffer(json.dumps(texts).encode("utf-8"), dtype=np.uint8)
            np.savez(self.path, texts=blob, vectors=np.stack([self.table[t] for t in texts]))
