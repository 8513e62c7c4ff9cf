"""The subject of each scanned file's ledger entry, and the declared model it is."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sai.scanning._paths import Resolver
from sai.scanning.declared import DeclaredModel, DeclaredModels

if TYPE_CHECKING:
    from sai.manifest import LoadedManifest


def declared_of(manifest: LoadedManifest | DeclaredModels | None) -> DeclaredModels:
    """The declared models of a manifest or a cached summary (none without either)."""
    if manifest is None:
        return DeclaredModels()
    return manifest if isinstance(manifest, DeclaredModels) else DeclaredModels.of(manifest)


class Subjects:
    """Subjects and declared models for a batch of results: the project root and the models'
    paths are resolved once, and each result's path once (its folders once per batch)."""

    def __init__(
        self,
        manifest: LoadedManifest | DeclaredModels | None,
        root: Path | None,
        resolver: Resolver | None = None,
    ) -> None:
        self._resolver = resolver or Resolver()
        self._root = root.resolve() if root else None
        # NOTE: subjects are cut from strings (both paths are resolved, so no `..` or `//`
        # remain); `Path.relative_to` parses every path again, per entry.
        within = self._root_text = str(self._root) if self._root else ""
        self._within = within if within.endswith(os.sep) else within + os.sep
        self._models: dict[str, DeclaredModel] = {}
        declared = declared_of(manifest)
        for model in declared.models:
            if model.path is not None:
                self._models.setdefault(str(model.path.resolve()), model)

    def of(self, path: str | Path) -> tuple[str, DeclaredModel | None]:
        """The subject path of ``path`` (relative to the root when inside it) and the declared
        model it is, if any."""
        if self._root is None and not self._models:
            return str(Path(path)), None
        text = self._resolver.text(path)
        # NOTE: keyed by the resolved path's text: hashing a `Path` costs more than the rest
        model = self._models.get(text) if self._models else None
        if self._root is None:
            return str(Path(path)), model
        if text.startswith(self._within):
            return text[len(self._within) :], model
        return ("." if text == self._root_text else text), model


__all__ = ["Subjects", "declared_of"]
