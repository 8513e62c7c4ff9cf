"""Member names and links that would escape an archive's folder when extracted.

Extracting (or a loader that extracts: ``.nemo``, ``tar``-wrapped checkpoints, ``zipfile``
callers) writes a member named ``/etc/x`` or ``../../x`` outside the target folder, and a
symbolic or hard link makes a later read or write land on whatever it points at. sai reports
them and never follows a link.
"""

from __future__ import annotations

import re

_DRIVE = re.compile(r"^[A-Za-z]:")


def escaping_name(name: str) -> str | None:
    """Why ``name`` would land outside the extraction folder, or None if it stays inside."""
    if "\x00" in name:
        return "contains a NUL byte"
    unified = name.replace("\\", "/")
    if unified.startswith("/") or _DRIVE.match(unified):
        return "is an absolute path"
    if ".." in unified.split("/"):
        return "climbs out with '..'"
    return None


__all__ = ["escaping_name"]
