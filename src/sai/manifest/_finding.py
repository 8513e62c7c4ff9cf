"""A problem found before it is placed in the file: a pydantic-style location plus the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sai.manifest.problems import Severity

#: A location as pydantic reports it: keys and list indices from the document root.
Loc = tuple[str | int, ...]

#: Which node of the location the problem points at: its value, its key, or the mapping that
#: should hold it (for a missing key).
Target = Literal["value", "key", "parent"]

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Finding:
    """One problem located by its path in the data, not yet by line and column."""

    loc: Loc
    message: str
    hint: str | None = None
    severity: Severity = "error"
    target: Target = "value"


def field_path(loc: Loc) -> str:
    """``('models', 1, 'trained_on', 0)`` -> ``models[1].trained_on[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out
