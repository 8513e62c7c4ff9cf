"""Resolving many paths of one scan without walking every folder of every path again.

``Path.resolve`` looks at each component of the path (one ``lstat`` per component). A scan of
a folder of 1,000 files resolves 1,000 paths that share their folders; `Resolver` resolves
each folder once and then only asks whether the file itself is a link, once per path (the
digest cache and the evidence of one scan share a resolver). The answers equal
``Path.resolve()`` at the time each folder and path was first seen: keep a resolver for one
scan.
"""

from __future__ import annotations

import os
from pathlib import Path


class Resolver:
    """``Path.resolve()`` with the folders' answers remembered for the life of the object."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}
        self._texts: dict[str, str] = {}
        self._paths: dict[str, Path] = {}

    def resolve(self, path: str | os.PathLike[str]) -> Path:
        """The absolute path with every symbolic link and ``..`` resolved."""
        key = os.fspath(path)
        known = self._paths.get(key)
        if known is None:
            known = self._paths[key] = Path(self.text(key))
        return known

    def text(self, path: str | os.PathLike[str]) -> str:
        """``str(self.resolve(path))``, without making a `Path` (which costs more than the
        lookups: the digest cache and the evidence need only the text)."""
        key = os.fspath(path)
        known = self._texts.get(key)
        if known is None:
            known = self._texts[key] = self._resolve(key)
        return known

    def _resolve(self, path: str) -> str:
        # NOTE: strings, not `Path`: parsing a path object costs more than the lookups here
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return str(Path(path).resolve())
        folder = folder or os.curdir
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        candidate = os.path.join(real, name)
        # NOTE: asked of the resolved folder: ``missing/../link`` is a link to realpath too
        return str(Path(path).resolve()) if os.path.islink(candidate) else candidate


__all__ = ["Resolver"]
