"""The cached summary of sai.yaml: used only while sai.yaml and its files are as validated."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.manifest import ManifestError, load_manifest
from sai.manifest._paths import _kind_of
from sai.scanning.declared import (
    MANIFEST_CACHE,
    DeclaredModels,
    ManifestCache,
    declared_models,
)
from sai.workspace import Workspace, open_workspace
from sai.workspace.paths import path_kind

MANIFEST = """\
version: 1
name: test system
intended_use: Scans models for the tests.
roles: [developer]
people:
  owners: [{{name: Risk team}}]
  security_contact: security@bank.test
models:
{models}
"""


def _write(root: Path, *models: tuple[str, str, str]) -> None:
    lines = "".join(
        f"  - name: {name}\n    path: {path}\n    format: pickle\n    source: {source}\n"
        for name, path, source in models
    )
    (root / "sai.yaml").write_text(MANIFEST.format(models=lines or "  []"), "utf-8")


@pytest.fixture
def workspace(workspace_dir: Path) -> Workspace:
    (workspace_dir / "a.pkl").write_bytes(b"\x80\x04K\x01.")
    (workspace_dir / "b.pkl").write_bytes(b"\x80\x04K\x02.")
    _write(workspace_dir, ("clf", "a.pkl", "in-house"))
    return open_workspace(workspace_dir)


def _expected(workspace: Workspace) -> DeclaredModels:
    return DeclaredModels.of(load_manifest(workspace.manifest_path))


def test_the_summary_is_the_validated_manifest_and_is_cached(workspace: Workspace) -> None:
    first = declared_models(workspace)
    assert first == _expected(workspace)
    assert [(m.name, m.source, m.in_house) for m in first.models] == [("clf", "in-house", True)]
    assert (workspace.sai_dir / MANIFEST_CACHE).is_file()
    assert declared_models(workspace) == first


def test_an_edited_manifest_is_validated_again(workspace: Workspace) -> None:
    declared_models(workspace)
    _write(workspace.root, ("clf", "a.pkl", "huggingface/x"), ("other", "b.pkl", "in-house"))
    found = declared_models(workspace)
    assert found == _expected(workspace)
    assert [(m.name, m.in_house) for m in found.models] == [("clf", False), ("other", True)]


def test_an_invalid_manifest_is_reported_and_that_too_follows_edits(
    workspace: Workspace,
) -> None:
    (workspace.root / "sai.yaml").write_text("version: [", "utf-8")
    with pytest.raises(ManifestError) as raised:
        load_manifest(workspace.manifest_path)
    assert declared_models(workspace) == DeclaredModels(problem=raised.value.message)
    assert declared_models(workspace) == DeclaredModels(problem=raised.value.message)
    _write(workspace.root, ("clf", "a.pkl", "in-house"))
    assert declared_models(workspace) == _expected(workspace)


def test_a_declared_file_removed_since_is_a_miss(workspace: Workspace) -> None:
    assert declared_models(workspace).problem is None
    (workspace.root / "a.pkl").unlink()
    with pytest.raises(ManifestError, match="1 error") as raised:
        load_manifest(workspace.manifest_path)
    assert "file not found: a.pkl" in raised.value.diagnostics()
    assert declared_models(workspace) == DeclaredModels(problem=raised.value.message)
    (workspace.root / "a.pkl").mkdir()  # a folder now: validation sees a different kind
    assert declared_models(workspace).problem is None
    assert declared_models(workspace).models[0].path == workspace.root / "a.pkl"


def test_an_entry_changed_without_the_key_is_ignored(workspace: Workspace) -> None:
    declared_models(workspace)
    path = workspace.sai_dir / MANIFEST_CACHE
    stored = json.loads(path.read_text("utf-8"))
    stored["summary"]["models"][0][3] = False  # claim the model is external
    stored["summary"]["models"][0][2] = "huggingface/evil"
    path.write_text(json.dumps(stored), "utf-8")
    assert declared_models(workspace) == _expected(workspace)
    forged = ManifestCache(workspace)
    forged._key = b"\x00" * 32  # a MAC made with any other key
    _write(workspace.root, ("clf", "b.pkl", "in-house"))
    forged.store(
        workspace.manifest_path.absolute(),
        "sha256:" + __import__("hashlib").sha256(workspace.manifest_path.read_bytes()).hexdigest(),
        [],
        DeclaredModels(),
    )
    assert declared_models(workspace) == _expected(workspace)


@given(junk=st.binary(max_size=300))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_corrupt_cache_costs_a_validation_and_nothing_else(
    workspace: Workspace, junk: bytes
) -> None:
    (workspace.sai_dir / MANIFEST_CACHE).parent.mkdir(parents=True, exist_ok=True)
    (workspace.sai_dir / MANIFEST_CACHE).write_bytes(junk)
    assert declared_models(workspace) == _expected(workspace)


@pytest.mark.parametrize(
    "document",
    [
        {"version": 1},
        {"version": 1, "manifest": 3, "digest": None, "probes": 5, "summary": [], "mac": 1},
        {"version": 2, "manifest": "x", "digest": "y", "probes": [], "summary": {}, "mac": ""},
        [],
    ],
)
def test_malformed_documents_are_misses(workspace: Workspace, document: object) -> None:
    path = workspace.sai_dir / MANIFEST_CACHE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), "utf-8")
    assert declared_models(workspace) == _expected(workspace)


def test_without_a_readable_key_every_run_validates(workspace: Workspace) -> None:
    os.chmod(workspace.signing_key_path, 0o644)  # refused: others could read it
    assert declared_models(workspace) == _expected(workspace)
    assert not (workspace.sai_dir / MANIFEST_CACHE).exists()


def test_no_manifest_no_models(workspace: Workspace) -> None:
    workspace.manifest_path.unlink()
    assert declared_models(workspace) is None


def test_path_kind_agrees_with_the_manifest_check(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"")
    (tmp_path / "d").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "missing")
    for name in ("f", "d", "link", "absent", "f/below"):
        assert path_kind(tmp_path / name) == _kind_of(tmp_path / name), name
