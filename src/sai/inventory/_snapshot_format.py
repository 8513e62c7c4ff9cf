"""The ``sai-snapshot/1`` record: its values and a strict parser (the file could be tampered)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from sai.inventory.errors import SnapshotError

FORMAT = "sai-snapshot/1"
_HEX = re.compile(r"[0-9a-f]{64}", re.ASCII)
_KINDS = frozenset({"model", "dataset", "prompt", "config"})


@dataclass(frozen=True)
class SnapshotFile:
    """One file of an asset: name inside the asset (``.`` for a single file), digest, size."""

    name: str
    digest: str
    size: int


@dataclass(frozen=True)
class SnapshotAsset:
    """One asset in a snapshot and how it is kept."""

    name: str
    kind: str
    path: str
    layout: str
    mode: str
    root_digest: str
    files: tuple[SnapshotFile, ...]
    signature: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "path": self.path,
            "layout": self.layout,
            "mode": self.mode,
            "root_digest": self.root_digest,
            "signature": self.signature,
            "files": [{"name": f.name, "digest": f.digest, "size": f.size} for f in self.files],
        }


@dataclass(frozen=True)
class ParsedSnapshot:
    id: str
    name: str
    created: str
    system: str
    assets: tuple[SnapshotAsset, ...]


def _fail(where: str, message: str) -> SnapshotError:
    return SnapshotError(f"the snapshot record is malformed: {where} {message}")


def _field(container: object, key: str, where: str, kind: type) -> Any:
    if not isinstance(container, dict):
        raise _fail(where, "must be a JSON object")
    value = container.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
        raise _fail(f"{where}.{key}", f"must be a {kind.__name__}")
    return value


def _relative(text: str, where: str, *, allow_absolute: bool = False) -> str:
    path = PurePosixPath(text)
    if (
        not text
        or ".." in path.parts
        or "\x00" in text
        or (path.is_absolute() and not allow_absolute)
    ):
        raise _fail(where, f"{text!r} is not a safe relative path")
    return text


def _file(item: object, where: str) -> SnapshotFile:
    name = _field(item, "name", where, str)
    if name != ".":
        _relative(name, f"{where}.name")
        if PurePosixPath(name).is_absolute():
            raise _fail(f"{where}.name", "must be relative")
    digest = _field(item, "digest", where, str)
    if not _HEX.fullmatch(digest):
        raise _fail(f"{where}.digest", "must be 64 lower-case hex digits")
    size = _field(item, "size", where, int)
    if size < 0:
        raise _fail(f"{where}.size", "must not be negative")
    return SnapshotFile(name, digest, size)


def _asset(item: object, where: str) -> SnapshotAsset:
    kind = _field(item, "kind", where, str)
    if kind not in _KINDS:
        raise _fail(f"{where}.kind", f"is {kind!r}")
    layout = _field(item, "layout", where, str)
    mode = _field(item, "mode", where, str)
    if layout not in ("file", "folder") or mode not in ("copy", "reference"):
        raise _fail(where, "has an unknown layout or mode")
    files = tuple(
        _file(f, f"{where}.files[{i}]") for i, f in enumerate(_field(item, "files", where, list))
    )
    if layout == "file" and [f.name for f in files] != ["."]:
        raise _fail(f"{where}.files", "of a single-file asset must be exactly one entry '.'")
    if len({f.name for f in files}) != len(files):
        raise _fail(f"{where}.files", "repeats a name")
    assert isinstance(item, dict)
    signature = item.get("signature")
    return SnapshotAsset(
        name=_field(item, "name", where, str),
        kind=kind,
        path=_relative(_field(item, "path", where, str), f"{where}.path", allow_absolute=True),
        layout=layout,
        mode=mode,
        root_digest=_field(item, "root_digest", where, str),
        files=files,
        signature=signature if isinstance(signature, str) else None,
    )


def parse_snapshot(payload: bytes) -> ParsedSnapshot:
    """Parse ``snapshot.json``; `SnapshotError` names the bad field."""
    try:
        document = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _fail("the file", "is not UTF-8 JSON") from None
    if _field(document, "format", "snapshot", str) != FORMAT:
        raise _fail("format", f"is not {FORMAT}")
    assets = tuple(
        _asset(a, f"assets[{i}]")
        for i, a in enumerate(_field(document, "assets", "snapshot", list))
    )
    if len({a.name for a in assets}) != len(assets):
        raise _fail("assets", "repeats an asset name")
    return ParsedSnapshot(
        id=_field(document, "id", "snapshot", str),
        name=_field(document, "name", "snapshot", str),
        created=_field(document, "created", "snapshot", str),
        system=_field(document, "system", "snapshot", str),
        assets=assets,
    )


__all__ = ["FORMAT", "ParsedSnapshot", "SnapshotAsset", "SnapshotFile", "parse_snapshot"]
