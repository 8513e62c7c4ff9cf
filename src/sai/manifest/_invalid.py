"""The validation error of the manifest's own validators: a message and a hint for the reader."""

from __future__ import annotations

from typing import NoReturn

from pydantic_core import PydanticCustomError

#: The pydantic error type of every validator of the manifest types.
ERROR_TYPE = "sai_invalid"


def invalid_error(message: str, hint: str | None = None) -> PydanticCustomError:
    """The validation error of ``message`` with an optional ``hint`` for the reader."""
    context: dict[str, str] = {"message": message}
    if hint:
        context["hint"] = hint
    return PydanticCustomError(ERROR_TYPE, "{message}", context)


def invalid(message: str, hint: str | None = None) -> NoReturn:
    """Fail validation with ``message`` and an optional ``hint`` for the reader."""
    raise invalid_error(message, hint)


__all__ = ["ERROR_TYPE", "invalid", "invalid_error"]
