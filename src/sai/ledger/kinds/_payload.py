"""The base of every typed payload: a frozen dataclass that writes and reads evidence ``data``.

A payload declares its fields with plain types (``str``, ``int``, ``bool``, optional ones,
``tuple[X, ...]``, nested payload parts, or ``JsonObject`` for free-form JSON). ``to_data`` gives
the JSON object a producer stores; ``from_evidence`` reads it back, checking every declared
field's type, so a check never meets a missing key or a string where it counted on a number.
Keys a payload does not declare are ignored on reading (a newer sai may add fields).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any, ClassVar, Self

from sai.ledger.errors import EvidenceError
from sai.ledger.kinds._kind import Kind

if typing.TYPE_CHECKING:
    from sai.ledger.entry import Evidence

JsonObject = Mapping[str, Any]
"""A free-form JSON object inside a payload (kept as stored)."""


class PayloadError(EvidenceError):
    """Evidence whose ``data`` does not have the shape its kind promises."""


@dataclasses.dataclass(frozen=True)
class Part:
    """A nested object inside a payload (e.g. one finding); same typing rules as a payload."""

    def to_data(self) -> dict[str, Any]:
        """The JSON object for this value."""
        return {name: _dump(getattr(self, name)) for name in _names(type(self))}

    @classmethod
    def from_data(cls, data: object, where: str = "data") -> Self:
        """Read ``data`` as this type, or raise :class:`PayloadError` naming the field."""
        if not isinstance(data, Mapping):
            raise PayloadError(where, f"must be a JSON object, not {type(data).__name__}")
        values: dict[str, Any] = {}
        for name, hint in _hints(cls).items():
            field = _field(cls, name)
            if name not in data:
                if field.default is not dataclasses.MISSING:
                    continue
                if field.default_factory is not dataclasses.MISSING:
                    continue
                raise PayloadError(f"{where}.{name}", "is missing")
            values[name] = _load(hint, data[name], f"{where}.{name}")
        return cls(**values)


@dataclasses.dataclass(frozen=True)
class Payload(Part):
    """The typed ``data`` of one evidence kind (``KIND``)."""

    KIND: ClassVar[Kind]

    @classmethod
    def from_evidence(cls, evidence: Evidence) -> Self:
        """The payload of ``evidence``; PayloadError when its kind or data does not fit."""
        if evidence.kind != cls.KIND:
            raise PayloadError("kind", f"{evidence.kind!r} is not {cls.KIND.value!r}")
        return cls.from_data(evidence.data)


_HINTS: dict[type, dict[str, Any]] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    """The field names of a payload class, in order (computed once per class)."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _hints(cls: type) -> dict[str, Any]:
    """The resolved field annotations of a payload class (computed once per class)."""
    hints = _HINTS.get(cls)
    if hints is None:
        names = {f.name for f in dataclasses.fields(cls)}
        hints = {k: v for k, v in typing.get_type_hints(cls).items() if k in names}
        _HINTS[cls] = hints
    return hints


def _field(cls: type, name: str) -> dataclasses.Field[Any]:
    return next(f for f in dataclasses.fields(cls) if f.name == name)


_SCALARS = frozenset({str, int, bool, type(None)})


def _dump(value: Any) -> Any:
    if type(value) in _SCALARS:  # most fields: returned as they are, before the slower checks
        return value
    if isinstance(value, Part):
        return value.to_data()
    if isinstance(value, tuple):
        return [_dump(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _dump(item) for key, item in value.items()}
    return value


# NOTE: one branch per supported annotation shape; a table would hide the order that matters
# (bool before int, None before the union's members).
def _load(hint: Any, value: Any, where: str) -> Any:  # noqa: PLR0911, PLR0912
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        arms = typing.get_args(hint)
        if value is None and type(None) in arms:
            return None
        for arm in arms:
            if arm is type(None):
                continue
            try:
                return _load(arm, value, where)
            except PayloadError:
                continue
        raise PayloadError(where, f"{value!r} does not fit {hint}")
    if origin is tuple:
        item_type = typing.get_args(hint)[0]
        if not isinstance(value, tuple | list):
            raise PayloadError(where, "must be an array")
        return tuple(_load(item_type, item, f"{where}[{i}]") for i, item in enumerate(value))
    if origin in (Mapping, dict) or hint is JsonObject:
        if not isinstance(value, Mapping):
            raise PayloadError(where, "must be a JSON object")
        return value
    if hint is bool:
        if type(value) is not bool:
            raise PayloadError(where, f"must be true or false, not {value!r}")
        return value
    if hint is int:
        if type(value) is not int:
            raise PayloadError(where, f"must be an integer, not {value!r}")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise PayloadError(where, f"must be a string, not {value!r}")
        return value
    if isinstance(hint, type) and issubclass(hint, Part):
        return hint.from_data(value, where)
    if hint is Any:
        return value
    raise TypeError(f"unsupported payload annotation {hint!r} at {where}")


__all__ = ["JsonObject", "Part", "Payload", "PayloadError"]
