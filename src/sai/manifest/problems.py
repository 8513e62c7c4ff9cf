"""What can be wrong with a manifest: `Problem` values and the `ManifestError` that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sai.errors import InputError

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in a manifest, located as precisely as the file allows.

    ``file`` is the manifest path as the user gave it; ``line`` and ``column`` are 1-based and
    ``None`` when the problem concerns the whole file (unreadable, too large). ``field`` is a
    dotted path such as ``models[1].trained_on[0]``, empty for the document itself. Only
    problems of severity ``"error"`` make a manifest invalid.
    """

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        """``file:line:column``, or as much of it as is known."""
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def format(self) -> str:
        """One line a person can act on: ``sai.yaml:12:5: models[1].path: message (hint: ...)``."""
        parts = [self.location()]
        if self.severity == "warning":
            parts.append("warning")
        if self.field:
            parts.append(self.field)
        text = ": ".join([*parts, self.message])
        return f"{text} (hint: {self.hint})" if self.hint else text

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of every attribute."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def sort_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """File-level problems first, then by position; stable for equal positions."""
    return tuple(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))


def summarise(problems: Iterable[Problem]) -> str:
    """``"2 errors, 1 warning"``, or ``"no problems"``."""
    items = list(problems)
    errors = sum(1 for p in items if p.is_error)
    warnings = len(items) - errors
    if not items:
        return "no problems"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


class ManifestError(InputError):
    """The manifest cannot be used; ``problems`` lists every error (and warning) found."""

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        self.problems = sort_problems(problems)
        super().__init__(
            f"invalid manifest {file}: {summarise(self.problems)}",
            hint="fix the lines above, then check again with `sai validate`",
        )

    def diagnostics(self) -> str:
        lines = [self.message, *(p.format() for p in self.problems)]
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)


__all__ = ["ManifestError", "Problem", "Severity", "sort_problems", "summarise"]
