"""`Resolver` answers as `Path.resolve` does, for links, `..`, missing and relative paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.scanning._paths import Resolver

#: Path components over a small tree with links to folders and files, inside and outside.
PARTS = ("a", "b", "f.pkl", "to_b", "to_f", "to_out", "dangling", "missing", "..", ".")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    (root / "a" / "b").mkdir(parents=True)
    (root / "out").mkdir()
    for folder in (root / "a", root / "a" / "b", root / "out"):
        (folder / "f.pkl").write_bytes(b"x")
        (folder / "to_b").symlink_to(root / "a" / "b", target_is_directory=True)
        (folder / "to_f").symlink_to("f.pkl")
        (folder / "to_out").symlink_to(root / "out", target_is_directory=True)
        (folder / "dangling").symlink_to(root / "nowhere")
    return root


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paths=st.lists(st.lists(st.sampled_from(PARTS), min_size=1, max_size=5), max_size=8))
def test_same_answer_as_path_resolve(
    tree: Path, paths: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree / "a")
    resolver = Resolver()  # one resolver for the batch: its remembered folders are reused
    for parts in paths:
        for path in (tree.joinpath(*parts), Path(*parts)):
            assert resolver.resolve(path) == path.resolve(), path
            assert resolver.text(path) == str(path.resolve()), path


def test_a_file_that_is_a_link_is_followed(tree: Path) -> None:
    resolver = Resolver()
    assert resolver.resolve(tree / "a" / "f.pkl") == (tree / "a" / "f.pkl").resolve()
    assert resolver.resolve(tree / "a" / "to_f") == Path(os.path.realpath(tree / "a" / "f.pkl"))
