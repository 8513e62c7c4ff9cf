"""What a declared path is on disk, one answer for manifest validation and the scan cache."""

from __future__ import annotations

from pathlib import Path


def path_kind(path: Path) -> str | None:
    """``folder``, ``file`` or None (missing or unreadable)."""
    try:
        if path.is_dir():
            return "folder"
        if path.exists():
            return "file"
    except (OSError, ValueError):
        return None
    return None
