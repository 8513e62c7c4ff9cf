"""The public site the gateway serves without a key: files under ``.sai/public/`` and
``index.json``, which maps each URL path to its file and content type.

``index.json``: ``{"format": 1, "files": {"/path": {"file": "rel/path", "type": "...",
"summary": "...", "notice": bool}}}``. The gateway serves exactly the paths listed (nothing
else under the folder), lists them in its OpenAPI document, and reloads the index when it
changes. It is written last and atomically, so a reader sees the old site or the new one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sai.documents._files import write_atomic

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
MARKDOWN = "text/markdown; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
JSON = "application/json"
INDEX = "index.json"


@dataclass(frozen=True)
class Published:
    """One document made available: where (empty for internal ones) and in which entry."""

    name: str
    version: int
    path: str
    entry: int


@dataclass
class Site:
    """The files of one publication, collected before anything is written."""

    files: dict[str, tuple[str, str, str, bool]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def add(
        self, path: str, text: str, content_type: str, summary: str, *, notice: bool = False
    ) -> None:
        """Serve ``text`` at URL ``path``."""
        relative = path.strip("/") or "index"
        if path.endswith("/"):
            relative += "/index.html"
        self.files[path] = (relative, content_type, summary, notice)
        self.texts[relative] = text

    def write(self, root: Path) -> None:
        """Write every file, then the index."""
        for relative, text in self.texts.items():
            write_atomic(root / relative, text)
        index = {
            "format": 1,
            "files": {
                path: {"file": rel, "type": kind, "summary": summary, "notice": notice}
                for path, (rel, kind, summary, notice) in sorted(self.files.items())
            },
        }
        write_atomic(root / INDEX, json.dumps(index, indent=2, sort_keys=True) + "\n")


__all__ = ["ATOM", "HTML", "INDEX", "JSON", "MARKDOWN", "TEXT", "Published", "Site"]
