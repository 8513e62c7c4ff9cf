"""The root of sai's error tree.

Every error a person can meet carries ``diagnostics()``: what went wrong and what to do about
it. The CLI prints that text and maps the error class to an exit code; it never prints a
traceback for a ``SaiError``.
"""

from __future__ import annotations


class SaiError(Exception):
    """Root of every error sai raises on purpose."""

    #: The process exit code the CLI uses for this error.
    exit_code: int = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def diagnostics(self) -> str:
        """A message a person can act on: what happened, then what to do."""
        if self.hint:
            return f"{self.message}\nhint: {self.hint}"
        return self.message


class InputError(SaiError):
    """Bad input from the user: a broken file, a wrong argument, a malformed payload (exit 2)."""

    exit_code = 2


class WorkspaceError(SaiError):
    """The `.sai/` workspace is missing, unreadable or inconsistent (exit 2)."""

    exit_code = 2


class VerificationError(SaiError):
    """Something that should verify does not: a tampered log, a bad signature (exit 1)."""

    exit_code = 1


__all__ = ["InputError", "SaiError", "VerificationError", "WorkspaceError"]
