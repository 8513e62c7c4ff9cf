"""Errors of the threat model: a malformed rule or decisions file, an unknown name."""

from __future__ import annotations

from collections.abc import Iterable

from sai.errors import InputError
from sai.manifest.problems import Problem, sort_problems, summarise


class RuleProblem(Exception):
    """One problem at a location inside a rules or decisions document (placed on a line later)."""

    def __init__(self, loc: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message
        self.hint = hint


class ThreatsError(InputError):
    """Something the threat model cannot work with (exit 2)."""


class RulesFileError(ThreatsError):
    """A rules or decisions file is malformed; ``problems`` has file:line of each."""

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        self.problems = sort_problems(problems)
        super().__init__(
            f"invalid threat file {file}: {summarise(self.problems)}",
            hint="fix the lines above; docs/threats.md describes the file",
        )

    def diagnostics(self) -> str:
        lines = [self.message, *(p.format() for p in self.problems)]
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)


__all__ = ["RuleProblem", "RulesFileError", "ThreatsError"]
