"""The shipped detector artefacts: plain arrays (npz, no pickle) and JSON, with their digests.

``MANIFEST.json`` lists each artefact file with its sha256; :func:`load_artifacts` refuses a
file whose digest differs, and ``sai inventory verify`` can check the same list. Arrays are
read with ``allow_pickle=False``: loading them cannot run code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sai.guards.errors import GuardModelError

ARTIFACTS_DIR = Path(__file__).parent / "artifacts"
MANIFEST_NAME = "MANIFEST.json"
CONFIG_NAME = "detector.json"


def sha256_file(path: Path) -> str:
    """``sha256:<hex>`` of a file's bytes."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def artifact_digests(directory: Path = ARTIFACTS_DIR) -> dict[str, str]:
    """The digests recorded in ``MANIFEST.json``: file name to ``sha256:<hex>``."""
    path = directory / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GuardModelError(
            f"{path}: cannot read the detector's artefact manifest ({exc})",
            hint="reinstall sai, or rerun training/train_injection.py to rebuild the artefacts",
        ) from exc
    return {str(name): str(digest) for name, digest in files.items()}


@dataclass(frozen=True)
class DetectorFiles:
    """The shipped artefact folder, the digests its manifest lists, and each file's now."""

    folder: Path
    shipped: dict[str, str]
    actual: dict[str, str | None]


def detector_files(directory: Path | None = None) -> DetectorFiles:
    """The detector's files as shipped and as they are on disk (None: the file is gone)."""
    directory = ARTIFACTS_DIR if directory is None else directory
    shipped = artifact_digests(directory)
    actual = {
        name: sha256_file(directory / name) if (directory / name).is_file() else None
        for name in shipped
    }
    return DetectorFiles(directory, shipped, actual)


def verify_artifacts(directory: Path = ARTIFACTS_DIR) -> list[str]:
    """Names of the artefacts whose bytes differ from their recorded digest (empty: all good)."""
    wrong: list[str] = []
    for name, digest in artifact_digests(directory).items():
        path = directory / name
        if not path.is_file() or sha256_file(path) != digest:
            wrong.append(name)
    return wrong


@dataclass(frozen=True)
class Artifacts:
    """The verified detector configuration and arrays."""

    config: dict[str, Any]
    arrays: dict[str, dict[str, npt.NDArray[Any]]]
    directory: Path
    #: The verified text of every other JSON artefact (``document.json``), by file name.
    files: dict[str, str] = field(default_factory=dict)


def load_artifacts(directory: Path = ARTIFACTS_DIR) -> Artifacts:
    """Read and verify every artefact; raise ``GuardModelError`` when one is missing or altered."""
    wrong = verify_artifacts(directory)
    if wrong:
        raise GuardModelError(
            f"{directory}: detector artefacts {', '.join(sorted(wrong))} are missing or do not "
            "match the digests in MANIFEST.json",
            hint="reinstall sai; if you retrained, rerun training/train_injection.py in full",
        )
    config = json.loads((directory / CONFIG_NAME).read_text(encoding="utf-8"))
    arrays: dict[str, dict[str, npt.NDArray[Any]]] = {}
    files: dict[str, str] = {}
    for name in artifact_digests(directory):
        if name.endswith(".npz"):
            with np.load(directory / name, allow_pickle=False) as data:
                arrays[name.removesuffix(".npz")] = {key: data[key] for key in data.files}
        elif name.endswith(".json") and name != CONFIG_NAME:
            files[name] = (directory / name).read_text(encoding="utf-8")
    return Artifacts(config=config, arrays=arrays, directory=directory, files=files)


def write_manifest(directory: Path, names: list[str]) -> None:
    """Record the digests of ``names`` (files in ``directory``) in ``MANIFEST.json``."""
    files = {name: sha256_file(directory / name) for name in sorted(names)}
    text = json.dumps({"format": 1, "files": files}, indent=2, sort_keys=True) + "\n"
    (directory / MANIFEST_NAME).write_text(text, encoding="utf-8")


__all__ = [
    "ARTIFACTS_DIR",
    "Artifacts",
    "DetectorFiles",
    "artifact_digests",
    "detector_files",
    "load_artifacts",
    "sha256_file",
    "verify_artifacts",
    "write_manifest",
]
