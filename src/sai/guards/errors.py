"""Errors of the guards package."""

from __future__ import annotations

from sai.errors import InputError, SaiError


class GuardError(SaiError):
    """Root of the guards' errors."""


class GuardModelError(GuardError):
    """A shipped detector or its optional dependency is missing or does not verify (exit 2)."""

    exit_code = 2


class GuardConfigError(GuardError, InputError):
    """A guard name, threshold or action in the configuration is wrong (exit 2)."""


class DatasetError(GuardError, InputError):
    """A JSONL evaluation set is malformed: the message names the line (exit 2)."""


__all__ = ["DatasetError", "GuardConfigError", "GuardError", "GuardModelError"]
