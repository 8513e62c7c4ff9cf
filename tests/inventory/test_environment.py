"""The environment asset is read once per state of the import path, and again when it changes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sai.inventory import environment
from sai.inventory.environment import environment_asset


def test_read_once_then_again_after_an_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    real = environment._read_installed

    def counted() -> object:
        reads.append(1)
        return real()

    monkeypatch.setattr(environment, "_read_installed", counted)
    monkeypatch.setattr(environment, "_INSTALLED", {})
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    first = environment_asset()
    assert environment_asset() is first
    assert len(reads) == 1
    (site / "newpkg-1.0.dist-info").mkdir()  # an install adds a folder
    os.utime(site, ns=(1, 1))  # NOTE: a distinct mtime even on coarse file-system clocks
    changed = environment_asset()
    assert len(reads) == 2
    assert changed == first  # no METADATA in the new folder: the same distributions
    monkeypatch.setattr(sys, "path", sys.path[:-1])
    environment_asset()
    assert len(reads) == 3


def test_the_installed_environment_names_this_interpreters_packages() -> None:
    asset = environment_asset()
    names = {name for name, _ in asset.details["packages"]}
    assert {"pydantic", "typer"} <= names
    assert asset.files == len(asset.details["packages"]) >= len(names)
