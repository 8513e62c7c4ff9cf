"""Checks of the file paths sai.yaml declares (shared by the asset and the threat sections)."""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from pathlib import Path

from sai.manifest._finding import Finding, Loc
from sai.manifest.problems import Severity
from sai.workspace.paths import path_kind

_FILE_ONLY = ("prompts", "configs")


_PROBES: contextvars.ContextVar[list[tuple[Path, str | None]] | None] = contextvars.ContextVar(
    "sai_manifest_path_probes", default=None
)


@contextlib.contextmanager
def recording_path_probes() -> Iterator[list[tuple[Path, str | None]]]:
    """Collect every declared path that validation looks at and what it found there
    (``file``, ``folder`` or None): a validation result holds while these are unchanged."""
    probes: list[tuple[Path, str | None]] = []
    token = _PROBES.set(probes)
    try:
        yield probes
    finally:
        _PROBES.reset(token)


def _kind_of(path: Path) -> str | None:
    kind = path_kind(path)
    probes = _PROBES.get()
    if probes is not None:
        probes.append((path, kind))
    return kind


def path_findings(
    root: Path, loc: Loc, text: str, section: str, missing: Severity = "error"
) -> Iterator[Finding]:
    """Problems with a declared path: missing, a folder where a file is needed, absolute, or
    outside the project."""
    path = Path(text)
    target = path if path.is_absolute() else root / path
    kind = _kind_of(target)
    if kind is None:
        yield Finding(
            loc,
            f"file not found: {text}",
            f"looked for {target}; relative paths start at the directory of the manifest",
            severity=missing,
        )
        return
    if kind == "folder" and section in _FILE_ONLY:
        yield Finding(loc, f"{text} is a folder; a {section[:-1]} must be a file")
        return
    if path.is_absolute():
        yield Finding(
            loc,
            f"absolute path {text}: the project cannot be moved or shared as it is",
            "write the path relative to the directory of the manifest",
            severity="warning",
        )
    elif os.path.normpath(text).startswith(".."):
        yield Finding(
            loc,
            f"{text} lies outside the project directory",
            "keep the system's files beside the manifest, so they are versioned together",
            severity="warning",
        )


__all__ = ["path_findings", "recording_path_probes"]
