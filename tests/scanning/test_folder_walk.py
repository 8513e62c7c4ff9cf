"""A folder scan's paths as text: the same paths, companions and results as with `Path`.

`sai.scanning.engine` walks folders with strings (a `Path` per file cost more than scanning a
small pickle) and asks `folders.companions_of`, which parses paths only when the listing holds
a file that can make a model folder. Both must answer exactly as the `Path` code does.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from benchmarks.corpus import build as b
from benchmarks.corpus.folders import hf_repository, onnx_with_external_data, saved_model
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.scanning.engine import _child, _folder_files, scan_paths
from sai.scanning.folders import companions_of, plan_folder
from sai.scanning.settings import ScanSettings

FOLDERS = (".", "/", "//", "///", "a", "a/", "./a", "a//b/", "/x/./y", "../a", "//n/m", "a/..")
NAMES = st.text(st.characters(exclude_characters="/\x00"), min_size=1, max_size=8).filter(
    lambda name: name not in (".", "..")
)


@given(st.sampled_from(FOLDERS), NAMES)
def test_a_child_path_is_written_as_path_writes_it(folder: str, name: str) -> None:
    assert _child(str(Path(folder)), name) == str(Path(folder) / name)


#: Files that make (or name) model folders, others, and near misses of their names.
POOL = {
    "saved_model.pb": b"\x08\x01",
    "variables/variables.index": b"x",
    "fingerprint.pb": b"x",
    "config.json": b"{}",
    "Config.JSON": b"{}",
    "tokenizer_config.json": b"{}",
    "vocab.txt": b"a\nb\n",
    "sub/tokenizer.json": b"{}",
    "model.xml": b"<net name='m'>",
    "other.xml": b"<root/>",
    "model.bin": bytes(8),
    "other.bin": bytes(8),
    ".xml": b"<net ",
    "m.onnx": b.onnx_model(location="weights.data"),
    "M.ONNX": b.onnx_model(location="sub/w.data"),
    "weights.data": bytes(16),
    "sub/w.data": bytes(16),
    "x.pkl": b.proto(2, b"}."),
    "notes.txt": b"hello",
    "ckpt.index": b"x",
    "ckpt.data-00000-of-00001": bytes(8),
    "ckpt.data-0-of-1": bytes(8),
    "other.data-00000-of-00001": bytes(8),
    "checkpoint": b'model_checkpoint_path: "ckpt"',
}


def _lay_out(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(POOL[name])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(POOL)), unique=True, max_size=8))
def test_companions_are_those_plan_folder_finds(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _lay_out(root, names)
        listed = _folder_files(root)
        expected = plan_folder([Path(p) for p in listed]).companions
        assert companions_of(listed, listed) == {str(k): v for k, v in expected.items()}


@pytest.mark.parametrize(
    "files", [hf_repository(), saved_model(), onnx_with_external_data()], ids=["hf", "tf", "onnx"]
)
def test_model_folders_keep_their_companions(tmp_path: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    listed = _folder_files(tmp_path)
    assert listed == [str(p) for p in _path_listing(tmp_path)]
    found = companions_of(listed, listed)
    assert found, "the folder is a model folder"
    assert found == {str(k): v for k, v in plan_folder(_path_listing(tmp_path)).companions.items()}


def _path_listing(root: Path) -> list[Path]:
    """The walk as it was written with `Path` objects."""
    files: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in (".git", ".sai"))
        files.extend(Path(folder) / name for name in sorted(names))
    return files


def test_relative_and_dotted_roots_give_the_paths_path_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "models" / "sub").mkdir(parents=True)
    (tmp_path / "models" / "m.pkl").write_bytes(b.proto(2, b"}."))
    (tmp_path / "models" / "sub" / "n.pkl").write_bytes(b.proto(2, b"}."))
    monkeypatch.chdir(tmp_path)
    for root in ("models", "./models/", "models//", "."):
        paths = [r.path for r in scan_paths([Path(root)], ScanSettings(digest=False))]
        assert paths == [str(p) for p in _path_listing(Path(root))], root
