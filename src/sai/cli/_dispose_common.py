"""What the disposal commands share: the --reason option and the check that --out can be
written before anything is destroyed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ReasonOption = Annotated[
    str, typer.Option("--reason", help="Why the asset is disposed of (kept in the certificate).")
]


def writable(out: Path) -> None:
    """Refuse, before anything is destroyed, an --out that cannot be written."""
    from sai.errors import InputError

    if not out.parent.is_dir():
        raise InputError(f"cannot write {out}: {out.parent} is not a folder", hint="pass --out")


__all__ = ["ReasonOption", "writable"]
