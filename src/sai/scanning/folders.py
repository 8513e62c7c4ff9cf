"""Model folders as units: which files are parts of a recognised model, and which links leave.

A TensorFlow SavedModel's variables, fingerprint, Keras metadata and assets; the tokenizer
files of a Hugging Face repository or tokenizer folder; the external data files an ONNX model
names (in subfolders too); the weights file of an OpenVINO IR (``model.xml`` +
``model.bin``); the data shards of a TensorFlow checkpoint (``<prefix>.index`` +
``<prefix>.data-00000-of-00001``) and its ``checkpoint`` file are read by the model's own
loader as data. They are still scanned by content
(a pickle hidden among them is found), but an unrecognised format there is expected, not a
finding, and their file names do not make sai read them as pickles.

Symbolic links inside a scanned folder are followed only when their target stays inside the
folder (or inside the Hugging Face cache entry of the model, whose snapshots link to blobs);
any other link is reported and never read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from sai.scanning._paths import Resolver

#: Files a Hugging Face tokenizer or processor reads as data.
TOKENIZER_FILES = frozenset(
    {
        "tokenizer.model", "spiece.model", "sentencepiece.bpe.model", "source.spm",
        "target.spm", "vocab.txt", "vocab.json", "merges.txt", "tokenizer.json",
        "bpe.codes", "qwen.tiktoken", "tokenizer.tiktoken",
    }
)  # fmt: skip
#: Files whose presence makes a folder a Hugging Face model or tokenizer folder.
_TOKENIZER_MARKERS = ("config.json", "tokenizer_config.json")
_SAVED_MODEL_PARTS = ("fingerprint.pb", "keras_metadata.pb")
_OPENVINO_MARK = b"<net "
_SAVED_MODEL_DIRS = ("variables", "assets", "assets.extra")
_MAX_ONNX = 64 << 20
_SHARD = re.compile(r"\d{5}-of-\d{5}")


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class FolderPlan(NamedTuple):
    """The companion files of the models in a folder, each with what it belongs to."""

    companions: dict[Path, str]


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _parts_by_name(folder: Path, files: list[Path]) -> dict[Path, str]:
    """SavedModel parts and tokenizer files of ``folder``, recognised by their names."""
    parts: dict[Path, str] = {}
    if (folder / "saved_model.pb").is_file():
        for path in files:
            inside = any(_under(path, folder / d) for d in _SAVED_MODEL_DIRS)
            if inside or (path.parent == folder and path.name in _SAVED_MODEL_PARTS):
                parts[path] = f"SavedModel {folder.name}"
    if any((folder / name).is_file() for name in _TOKENIZER_MARKERS):
        for path in files:
            if path.parent == folder and (
                path.name in TOKENIZER_FILES or path.name.endswith(".tiktoken")
            ):
                parts[path] = f"tokenizer of {folder.name}"
    return parts


def _openvino_weights(files: list[Path]) -> dict[Path, str]:
    """OpenVINO IR: ``model.xml`` reads its weights from ``model.bin`` beside it."""
    present = set(files)
    return {
        path.with_suffix(".bin"): f"weights of {path.name}"
        for path in files
        if path.suffix.lower() == ".xml"
        and path.with_suffix(".bin") in present
        and _is_openvino(path)
    }


def _checkpoint_parts(files: list[Path]) -> dict[Path, str]:
    """TensorFlow checkpoints: ``<prefix>.index`` reads its tensors from the data shards
    ``<prefix>.data-NNNNN-of-MMMMM``, and the ``checkpoint`` file names the latest prefix."""
    indexes = {p for p in files if p.name.endswith(".index")}
    parts: dict[Path, str] = {}
    for path in files:
        prefix, _, shard = path.name.rpartition(".data-")
        if prefix and _SHARD.fullmatch(shard) and path.with_name(f"{prefix}.index") in indexes:
            parts[path] = f"data shard of checkpoint {prefix}"
        elif path.name == "checkpoint" and any(p.parent == path.parent for p in indexes):
            parts[path] = "checkpoint state of its folder"
    return parts


def plan_folder(files: list[Path]) -> FolderPlan:
    """Find the model folders among ``files`` and the companion files of each."""
    companions: dict[Path, str] = {}
    for folder in {f.parent for f in files}:
        companions |= _parts_by_name(folder, files)
    companions |= _openvino_weights(files)
    companions |= _checkpoint_parts(files)
    before = len(companions)  # ONNX external data is named by resolved path: map it back
    for path in files:
        if path.suffix.lower() == ".onnx" and path.stat().st_size <= _MAX_ONNX:
            from sai.scanning.formats.onnx import external_locations

            for location in external_locations(memoryview(path.read_bytes())):
                target = (path.parent / location).resolve()
                companions.setdefault(target, f"external data of {path.name}")
    if len(companions) == before:
        return FolderPlan(companions)
    resolver = Resolver()
    resolved = {resolver.resolve(p): p for p in files}
    return FolderPlan({resolved.get(k, k): v for k, v in companions.items()})


#: Lower-case file names and endings that `plan_folder` looks for: a listing without any of them
#: has no companions (keep in step with the checks above; a test compares the two).
_MARKERS = frozenset(n.lower() for n in ("saved_model.pb", *_TOKENIZER_MARKERS))
_NAMING = (".xml", ".onnx", ".index")


def companions_of(listed: list[str], files: list[str]) -> dict[str, str]:
    """`plan_folder` for a folder scan's paths as text (``listed``: every file name the walk
    met, links included; ``files``: the ones to scan): most folders hold no file that makes a
    model folder, and their paths are then never parsed."""
    for path in listed:
        name = os.path.basename(path).lower()
        if name in _MARKERS or name.endswith(_NAMING):
            plan = plan_folder([Path(f) for f in files])
            return {os.fspath(k): v for k, v in plan.companions.items()}
    return {}


def _is_openvino(path: Path) -> bool:
    """An OpenVINO IR: XML whose root element is ``<net``."""
    with path.open("rb") as handle:
        return _OPENVINO_MARK in handle.read(4096)


def link_escapes(link: Path, root: Path) -> str | None:
    """Where a symbolic link inside ``root`` points, if it leaves ``root`` (else None)."""
    target = Path(os.path.realpath(link))
    base = Path(os.path.realpath(root))
    cache = next((p for p in (base, *base.parents) if p.name.startswith("models--")), None)
    if _under(target, base) or (cache is not None and _under(target, cache)):
        return None
    return os.readlink(link)


__all__ = ["TOKENIZER_FILES", "FolderPlan", "companions_of", "link_escapes", "plan_folder"]
