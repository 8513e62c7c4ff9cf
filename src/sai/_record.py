"""Small value classes without `dataclasses`, for the modules every `sai scan` loads.

`dataclasses` writes each class's ``__init__``, ``__eq__``, ``__hash__``, ``__repr__`` and
friends as source text and compiles it when the class is made (about half a million
instructions per method, six for a frozen class), and importing it loads `inspect` with
`ast`, `dis` and `tokenize`. On `sai scan`'s path that cost more than scanning a 1 GB
checkpoint. A `Record` subclass lists its fields in ``__slots__`` and writes its own
``__init__``; this base gives it what a dataclass would: equality (same class, equal
compared fields), a dataclass-style ``repr``, and pickling and copying through ``__init__``.
The fields are the names annotated in the class body, in that order; ``__slots__`` must
name the same.
A `FrozenRecord` is also hashable and refuses assignment (``__init__`` sets its fields with
``object.__setattr__``, as a frozen dataclass does).

Fields left out of equality and hashing are named in ``_uncompared``, fields left out of the
``repr`` in ``_unshown`` (dataclasses' ``compare=False`` and ``repr=False``). ``__init__``
must accept every field, positionally in field order.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Record:  # noqa: PLW1641 - unhashable on purpose (see __eq__)
    """Annotated fields in ``__slots__``; equality and ``repr`` from them; unhashable."""

    __slots__ = ()
    _uncompared: ClassVar[tuple[str, ...]] = ()
    _unshown: ClassVar[tuple[str, ...]] = ()
    _names: ClassVar[tuple[str, ...]] = ()
    _compared: ClassVar[tuple[str, ...]] = ()
    _shown: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        slots = cls.__dict__.get("__slots__", ())
        # NOTE: a class's own annotations (Python 3.10+ gives each class its own dict); not
        # inspect.get_annotations: loading `inspect` is what this module avoids
        names = cls._names = tuple(cls.__annotations__)
        if set(names) != ({slots} if isinstance(slots, str) else set(slots)):
            raise TypeError(f"{cls.__qualname__}: annotate exactly the names in __slots__")
        cls._compared = tuple(n for n in names if n not in cls._uncompared)
        cls._shown = tuple(n for n in names if n not in cls._unshown)

    def _key(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._compared])

    # NOTE: __eq__ without __hash__ leaves the class unhashable, as a mutable dataclass is.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()
        return NotImplemented

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), tuple([getattr(self, name) for name in self._names]))


class FrozenRecord(Record):
    """A `Record` that is hashable and refuses assignment after ``__init__``."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._key())

    def _assign(self, *values: object) -> None:
        """Set the fields, in field order (for ``__init__``)."""
        for name, value in zip(self._names, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")


__all__ = ["FrozenRecord", "Record"]
