"""Canonical JSON: exactly one byte string for every value the ledger accepts.

A leaf hash covers bytes, so two encoders that disagree about whitespace, key order or
escaping would make the same evidence hash differently. The rules (docs/ledger-format.md):
UTF-8; objects with string keys sorted by code point and no duplicates; ``,`` and ``:`` with no
whitespace; strings escape only ``"``, ``\\`` and control characters (``\\b \\f \\n \\r \\t``,
otherwise ``\\u00xx`` in lower-case hex); integers in decimal within +-(2**53-1); ``true``,
``false``, ``null``. Floats, NaN and infinities are refused: evidence carries numbers as
integers or decimal strings, so no reader has to agree on float formatting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, NoReturn, cast

from sai.ledger._one_shot import one_shot
from sai.ledger._scanner import (
    FLOAT_HINT,
    INT_HINT,
    MAX_DEPTH,
    MAX_SAFE_INTEGER,
    locate_violation,
)
from sai.ledger.errors import CanonicalJsonError

__all__ = [
    "MAX_DEPTH",
    "MAX_SAFE_INTEGER",
    "canonical_json",
    "encode_plain",
    "locate_violation",
    "one_shot",
    "parse_canonical",
    "plain_json",
    "plain_text",
]

_SURROGATE = re.compile("[\ud800-\udfff]")


def canonical_json(value: object) -> bytes:
    """Encode ``value`` as canonical JSON; raise CanonicalJsonError outside the rules.

    Mappings become objects, lists and tuples arrays; anything else (floats, bytes, sets,
    non-string keys, lone surrogates, integers beyond 2**53-1) is refused with its path.
    """
    return encode_plain(plain_json(value))


def plain_json(value: object) -> Any:
    """A validated deep copy of ``value`` as plain dict/list/str/int/bool/None.

    Raises CanonicalJsonError, with the path, for anything canonical JSON cannot hold.
    """
    return _plain(value, 1, [])


def encode_plain(plain: Any) -> bytes:
    """The canonical bytes of a value that `plain_json` returned (not re-validated)."""
    return _dumps(plain).encode("utf-8")


def plain_text(plain: Any) -> str:
    """`encode_plain` before UTF-8: the canonical text, to be joined into a larger one."""
    return _dumps(plain)


def parse_canonical(data: bytes) -> Any:
    """Parse canonical JSON, refusing anything that is not exactly ``canonical_json(result)``.

    The error names the byte offset of the first deviation: invalid UTF-8, whitespace, key
    order, duplicate keys, non-minimal escapes, floats, trailing bytes.
    """
    raw = bytes(data)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CanonicalJsonError(
            f"byte {exc.start}: invalid UTF-8 ({exc.reason})",
            hint="canonical JSON is UTF-8 text",
        ) from None
    try:
        if text.startswith("\ufeff"):  # as json.loads refuses it
            raise ValueError("Unexpected UTF-8 BOM")
        value = _CANONICAL.decode(text)
        # NOTE: only a payload with more than MAX_DEPTH brackets can nest too deeply.
        shallow = raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH or _depth(value) <= MAX_DEPTH
        if shallow and _dumps(value).encode("utf-8") == raw:
            return value
    except (ValueError, RecursionError):  # UnicodeEncodeError (lone surrogate) is a ValueError
        pass
    offset, reason = locate_violation(text)
    raise CanonicalJsonError(
        f"byte {offset}: {reason}",
        hint="produce the payload with sai's canonical_json (docs/ledger-format.md has the rules)",
    )


def _refuse(literal: str) -> NoReturn:
    raise ValueError(literal)


def _safe_int(literal: str) -> int:
    number = int(literal)
    if -MAX_SAFE_INTEGER <= number <= MAX_SAFE_INTEGER:
        return number
    raise ValueError(literal)


#: ``json.loads(text, parse_float=..., parse_constant=..., parse_int=...)``'s decoder, made
#: once instead of on every call
_CANONICAL = json.JSONDecoder(parse_float=_refuse, parse_constant=_refuse, parse_int=_safe_int)


#: One encoder for every call (``json.dumps`` with options builds a new one each time).
_dumps = one_shot(
    json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":"), sort_keys=True, check_circular=False
    )
)


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        )
        if children is not None:
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _plain(value: object, depth: int, trail: list[str | int]) -> Any:
    """Validate ``value`` and return it as plain dict/list/str/int/bool/None.

    ``trail`` holds the keys and indices from the root to ``value``; it is turned into a
    path only when something fails, so valid input costs no string formatting.
    """
    kind = type(value)  # exact types first: they are nearly all a payload holds
    if kind is str:
        text = cast(str, value)
        if not text.isascii() and _SURROGATE.search(text):
            _fail(trail, "string contains a lone surrogate, which UTF-8 cannot encode")
        return text
    if kind is int:
        number = cast(int, value)
        if -MAX_SAFE_INTEGER <= number <= MAX_SAFE_INTEGER:
            return number
    elif value is None or kind is bool:
        return value
    elif depth <= MAX_DEPTH:
        if kind is dict:
            return _plain_object(cast(dict[Any, Any], value), depth, trail)
        if kind is list or kind is tuple:
            return _plain_array(cast(list[Any], value), depth, trail)
    return _plain_any(value, depth, trail)


def _plain_any(value: object, depth: int, trail: list[str | int]) -> Any:
    """`_plain` for every other value: scalars, subclasses, mappings, lists, tuples."""
    if value is None or value is True or value is False:
        return value
    if isinstance(value, str):
        if _SURROGATE.search(value):
            _fail(trail, "string contains a lone surrogate, which UTF-8 cannot encode")
        return str.__str__(value)
    if isinstance(value, int):
        if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            return int(value)
        _fail(trail, "integer is outside +-(2**53-1)", INT_HINT)
    if isinstance(value, float):
        _fail(trail, "floating-point numbers are not allowed", FLOAT_HINT)
    if depth > MAX_DEPTH:
        _fail(trail, f"nesting deeper than {MAX_DEPTH} levels")
    if isinstance(value, Mapping):
        return _plain_object(value, depth, trail)
    if isinstance(value, list | tuple):
        return _plain_array(value, depth, trail)
    return _fail(trail, f"a {type(value).__name__} has no canonical JSON form")


def _plain_array(value: list[Any] | tuple[Any, ...], depth: int, trail: list[str | int]) -> Any:
    items = []
    trail.append(0)
    for index, item in enumerate(value):
        trail[-1] = index
        items.append(_plain(item, depth + 1, trail))
    trail.pop()
    return items


def _plain_object(value: Mapping[Any, Any], depth: int, trail: list[str | int]) -> Any:
    out: dict[str, Any] = {}
    trail.append("")  # the key being read; kept only for a failure's path
    for key, item in value.items():
        name = key if type(key) is str else _key(key, trail)
        if not name.isascii() and _SURROGATE.search(name):
            trail.pop()
            _fail(trail, f"object key {name!r} contains a lone surrogate")
        kind = type(item)  # scalars inline: most values of a payload are one
        if (
            (kind is str and item.isascii())
            or item is None
            or kind is bool
            or (kind is int and -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER)
        ):
            out[name] = item
        else:
            trail[-1] = name
            out[name] = _plain(item, depth + 1, trail)
    trail.pop()
    return out


def _key(key: object, trail: list[str | int]) -> str:
    """A key that is not exactly a ``str``: a subclass as a plain string, anything else refused."""
    if not isinstance(key, str):
        trail.pop()
        _fail(trail, f"object key {key!r} is a {type(key).__name__}; keys must be strings")
    return str.__str__(key)


def _path(trail: list[str | int]) -> str:
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in trail)


def _fail(trail: list[str | int], reason: str, hint: str | None = None) -> NoReturn:
    raise CanonicalJsonError(f"{_path(trail)}: {reason}", hint=hint)
