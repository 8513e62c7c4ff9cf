"""One pass over evidence data that is plain already: validated and frozen together.

`Evidence` used to validate its data into a plain copy (`plain_json`), freeze that copy
(`_freeze`) and encode the copy: two deep copies per entry. Data made of exactly ``dict``,
``list``, ``tuple``, ``str``, ``int``, ``bool`` and ``None`` (what nearly every control
passes, the gateway's request entries above all) needs no plain copy: `frozen_plain` checks it
against the same rules and returns its read-only copy in one walk, and the caller encodes the
original, whose canonical JSON is byte for byte that of its plain copy (the JSON encoder writes
a tuple as it writes a list). Anything else (a float, a subclass, another mapping, a value
outside the rules) raises `NotPlainError`, and the caller takes the general path, which builds
the plain copy or names what is wrong.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from sai.ledger._scanner import MAX_DEPTH, MAX_SAFE_INTEGER

_SURROGATE = re.compile("[\ud800-\udfff]")


class NotPlainError(Exception):
    """The value is not exactly-typed canonical data; take the general path."""


def _text(value: str) -> str:
    if not value.isascii() and _SURROGATE.search(value):
        raise NotPlainError
    return value


_KEY_TYPES = {str}


def frozen_fields(value: dict[Any, Any], depth: int = 1) -> dict[str, Any]:
    """The members of an exactly-typed object at ``depth``, validated and frozen, in a new
    (still writable) dict: `frozen_plain` of the object is its mapping proxy."""
    out = dict(value)  # scalars, most of a payload's values, stay as they are copied
    if out and {*map(type, out)} != _KEY_TYPES:  # every key exactly a str, checked at once
        raise NotPlainError
    if not "".join(out).isascii():
        for key in out:
            _text(key)
    for key, item in out.items():
        kind = type(item)
        if kind is str:
            if not item.isascii():
                _text(item)
        elif kind is int:
            if not -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER:
                raise NotPlainError
        elif item is not None and kind is not bool:
            out[key] = frozen_plain(item, depth + 1)  # a new value for a key: no resize
    return out


def frozen_plain(value: Any, depth: int = 1) -> Any:
    """The read-only copy (objects as mapping proxies, arrays as tuples) of exactly-typed
    canonical data, validated on the way; `NotPlainError` for anything else."""
    kind = type(value)
    if kind is dict or kind is list or kind is tuple:
        if depth > MAX_DEPTH:
            raise NotPlainError
        if kind is dict:
            return MappingProxyType(frozen_fields(value, depth))
        return tuple([frozen_plain(item, depth + 1) for item in value])
    if kind is str:
        return _text(value)
    if value is None or kind is bool:
        return value
    if kind is int and -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
        return value
    raise NotPlainError


__all__ = ["NotPlainError", "frozen_fields", "frozen_plain"]
