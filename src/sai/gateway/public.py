"""Published documents, served without an API key: security.txt, notices, the updates feed.

``sai docs publish`` writes them under ``.sai/public/`` with an ``index.json`` that maps each
URL path to a file and a content type (docs/documents.md, "The public site"). The gateway
serves exactly the listed paths (GET and HEAD), never any other file under the folder, and
reloads the index when its size or modification time changes, so a publication shows without
a restart. Requests for these pages are not audited: they carry no key and no user data.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

_LOG = logging.getLogger("sai.gateway")
INDEX = "index.json"
_TYPES = frozenset(
    {
        "text/html; charset=utf-8",
        "text/plain; charset=utf-8",
        "text/markdown; charset=utf-8",
        "application/atom+xml; charset=utf-8",
        "application/json",
    }
)
_MAX_FILE = 4 * 1024 * 1024
#: Sent with every public page: no scripts, no framing, no type guessing.
HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'"),
    ("x-frame-options", "DENY"),
    ("cache-control", "no-cache"),
)


@dataclass(frozen=True)
class PublicFile:
    """One served path: its file (inside the public folder), type and summary."""

    path: str
    file: Path
    content_type: str
    summary: str
    notice: bool


def _entry(root: Path, path: object, spec: object) -> PublicFile | None:
    if not isinstance(path, str) or not path.startswith("/") or not isinstance(spec, dict):
        return None
    name, kind = spec.get("file"), spec.get("type")
    if not isinstance(name, str) or kind not in _TYPES:
        return None
    file = (root / name).resolve()
    if not file.is_relative_to(root.resolve()) or ".." in Path(name).parts:
        return None
    summary = spec.get("summary")
    return PublicFile(
        path,
        file,
        str(kind),
        summary if isinstance(summary, str) else "",
        spec.get("notice") is True,
    )


class PublicSite:
    """The listed files of ``root`` (None: no published documents)."""

    def __init__(self, root: Path | None) -> None:
        self._root = root
        self._stamp: tuple[int, int] | None = None
        self._files: MappingProxyType[str, PublicFile] = MappingProxyType({})

    def _refresh(self) -> None:
        if self._root is None:
            return
        try:
            stat = os.stat(self._root / INDEX)
        except OSError:
            self._stamp, self._files = None, MappingProxyType({})
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._stamp:
            return
        try:
            raw: Any = json.loads((self._root / INDEX).read_text("utf-8"))
            listed = raw["files"] if isinstance(raw, dict) else {}
        except (OSError, ValueError, KeyError):
            _LOG.warning("ignoring unreadable %s", self._root / INDEX)
            listed = {}
        found = (_entry(self._root, p, s) for p, s in dict(listed).items())
        self._files = MappingProxyType({f.path: f for f in found if f is not None})
        self._stamp = stamp

    def files(self) -> tuple[PublicFile, ...]:
        """Every served path, sorted."""
        self._refresh()
        return tuple(self._files[p] for p in sorted(self._files))

    def lookup(self, path: str) -> tuple[bytes, str] | None:
        """The body and content type served at ``path``, or None when it is not listed."""
        self._refresh()
        found = self._files.get(path)
        if found is None and not path.endswith("/"):
            found = self._files.get(path + "/")
        if found is None:
            return None
        try:
            with found.file.open("rb") as handle:
                body = handle.read(_MAX_FILE + 1)
        except OSError:
            return None
        return (body, found.content_type) if len(body) <= _MAX_FILE else None


__all__ = ["HEADERS", "PublicFile", "PublicSite"]
