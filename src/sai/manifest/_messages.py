"""Turn pydantic's validation errors into findings a person can act on.

Pydantic's own messages ("Input should be a valid string") name neither the YAML notion nor
the fix; here each error type gets a sentence in YAML terms, unknown keys get a "did you mean"
and missing keys quote the field's documentation.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from sai.manifest._finding import Finding, Loc
from sai.manifest._types import ERROR_TYPE
from sai.manifest.schema import Manifest


def describe(value: object) -> str:
    """A YAML reader's name for the kind of ``value``: "a list", "text", "null", ..."""
    if value is None:
        return "nothing (null)"
    kinds: list[tuple[type, str]] = [
        (bool, "a boolean"),
        (int, "a whole number"),
        (float, "a number"),
        (str, "text"),
        (list, "a list"),
        (dict, "a mapping"),
        (dt.date, "a date"),
        (bytes, "binary data"),
    ]
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation may hold once Optional, Annotated, list and dict are removed."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    if origin in (list, dict):
        return _unwrap(typing.get_args(annotation)[-1])
    return [annotation]


def model_at(loc: Loc) -> type[BaseModel] | None:
    """The schema model that describes the mapping at ``loc``, if the location is in the schema."""
    current: type[BaseModel] | None = Manifest
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current else None
        if field is None:
            return None
        models = [t for t in _unwrap(field.annotation) if isinstance(t, type)]
        current = next((t for t in models if issubclass(t, BaseModel)), None)
    return current


def _allowed_keys(loc: Loc) -> list[str]:
    model = model_at(loc)
    return list(model.model_fields) if model else []


def _suggest(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _missing(loc: Loc) -> Finding:
    parent, name = loc[:-1], str(loc[-1])
    model = model_at(parent)
    field = model.model_fields.get(name) if model else None
    doc = field.description.replace("``", "'") if field and field.description else None
    hint = f"add `{name}:` here: {doc[0].lower()}{doc[1:]}" if doc else f"add `{name}:` here"
    return Finding(parent, f"missing required key '{name}'", hint, target="parent")


def _unknown(loc: Loc) -> Finding:
    name = str(loc[-1])
    allowed = _allowed_keys(loc[:-1])
    message = f"unknown key '{name}'"
    close = _suggest(name, allowed)
    if close:
        message += f"; did you mean '{close}'?"
    hint = f"keys allowed here: {', '.join(allowed)}" if allowed else None
    return Finding(loc, message, hint, target="key")


def _bad_choice(loc: Loc, value: object, expected: str) -> Finding:
    choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
    message = f"unknown value {value!r}; expected one of: {', '.join(choices)}"
    close = _suggest(value, choices) if isinstance(value, str) else None
    return Finding(loc, message, f"did you mean '{close}'?" if close else None)


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "dict_type": "a mapping (key: value lines)",
}

_BOUNDS = {
    "greater_than": ("gt", "must be greater than {}"),
    "greater_than_equal": ("ge", "must be at least {}"),
    "less_than": ("lt", "must be less than {}"),
    "less_than_equal": ("le", "must be at most {}"),
}


def _type_hint(kind: str, value: object) -> str | None:
    if kind == "text" and isinstance(value, bool | int | float | dt.date):
        return "quote the value to keep it as text, e.g. '1.0' or 'yes'"
    if kind == "true or false":
        return "write true or false, without quotes"
    if kind == "a list":
        return "write one item per line, each starting with '- '"
    if kind.startswith("a mapping"):
        return "write `key: value` lines indented under the parent key"
    return None


def _typed(loc: Loc, value: object, expected: str) -> Finding:
    got = describe(value)
    if isinstance(value, str | int | float | dt.date) and len(repr(value)) <= 40:
        got += f" {value!r}" if isinstance(value, str) else f" {value}"
    return Finding(loc, f"expected {expected}, got {got}", _type_hint(expected, value))


def _specific(kind: str, loc: Loc, value: object, ctx: dict[str, Any]) -> Finding | None:
    """The finding for error kinds with a message of their own, else None."""
    if kind == ERROR_TYPE:
        return Finding(loc, str(ctx["message"]), ctx.get("hint"))
    if kind in {"enum", "literal_error"}:
        return _bad_choice(loc, value, str(ctx.get("expected", "")))
    if kind in _TYPE_NAMES:
        return _typed(loc, value, _TYPE_NAMES[kind])
    if kind in _BOUNDS:
        bound_key, template = _BOUNDS[kind]
        message = template.format(ctx.get(bound_key))
    elif kind == "too_short" and isinstance(value, list):
        message = "must list at least one item"
    elif kind in {"value_error", "assertion_error"} and "error" in ctx:
        message = str(ctx["error"])
    else:
        return None
    return Finding(loc, message)


def _bad_key(kind: str, loc: Loc, value: object, ctx: dict[str, Any]) -> Finding:
    """A mapping's key that was refused."""
    if kind == "enum":  # a mapping keyed by names from a fixed list
        choice = _bad_choice(loc, value, str(ctx.get("expected", "")))
        return Finding(choice.loc, choice.message, choice.hint, target="key")
    if kind == ERROR_TYPE:  # a key our own validator refused
        return Finding(loc, str(ctx["message"]), ctx.get("hint"), target="key")
    return Finding(loc, "keys must be text", "quote the key", target="key")


def finding_from_error(error: ErrorDetails) -> Finding:
    """One pydantic error as a finding at the same location."""
    kind = error["type"]
    loc: Loc = tuple(p if isinstance(p, int | str) else str(p) for p in error["loc"])
    if kind == "missing":
        return _missing(loc)
    if kind == "extra_forbidden":
        return _unknown(loc)
    if kind == "invalid_key" and loc:
        return _unknown((*loc[:-1], str(loc[-1])))
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if loc and loc[-1] == "[key]":
        return _bad_key(kind, loc[:-1], error.get("input"), ctx)
    found = _specific(kind, loc, error.get("input"), ctx)
    return found or Finding(loc, error["msg"])


def findings_from_errors(errors: list[ErrorDetails]) -> list[Finding]:
    """Every pydantic error as a finding, in pydantic's order."""
    return [finding_from_error(e) for e in errors]


__all__ = ["describe", "finding_from_error", "findings_from_errors", "model_at"]
