"""The Python environment as one inventory asset: every installed distribution and version."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
from collections.abc import Iterable

from sai.inventory.assets import Asset, AssetType

ENVIRONMENT = "python-environment"

#: The environment asset of the import path's last state (one entry).
_INSTALLED: dict[tuple[tuple[str, int | None], ...], Asset] = {}


def _path_state() -> tuple[tuple[str, int | None], ...]:
    state: list[tuple[str, int | None]] = []
    for entry in sys.path:
        try:
            state.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            state.append((entry, None))
    return tuple(state)


def _read_installed() -> Asset:
    # NOTE: ``dist.version`` parses the metadata file again; one parse gives both fields.
    metadata = (dist.metadata for dist in importlib.metadata.distributions())
    return environment_asset((meta["Name"] or "", meta["Version"]) for meta in metadata)


def environment_asset(distributions: Iterable[tuple[str, str]] | None = None) -> Asset:
    """The installed Python distributions as one asset, digest over ``name==version`` lines.

    Without ``distributions``, the installed ones are read once per state of the import path
    (each entry and its modification time: installing or removing a distribution changes its
    folder's), not on every scan: reading every distribution's metadata is the slow part."""
    if distributions is None:
        state = _path_state()
        if _INSTALLED.get(state) is None:
            _INSTALLED.clear()
            _INSTALLED[state] = _read_installed()
        return _INSTALLED[state]
    packages = sorted({(name.lower(), version) for name, version in distributions if name})
    text = "".join(f"{name}=={version}\n" for name, version in packages)
    return Asset(
        ENVIRONMENT,
        AssetType.dependencies,
        location="python",
        digest="sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest(),
        files=len(packages),
        details={"packages": [[name, version] for name, version in packages]},
    )


__all__ = ["ENVIRONMENT", "environment_asset"]
