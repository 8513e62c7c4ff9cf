"""Abstract values on the simulated pickle stack: constants, containers, imports, calls.

Nothing here is ever executed or imported. Containers are kept as plain lists so that
unhashable or attacker-chosen keys cannot raise; large strings become ``Opaque``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Global:
    """A name the loader would import (GLOBAL, STACK_GLOBAL, INST, EXT) or read by getattr."""

    module: str
    name: str
    offset: int
    #: Read by ``getattr`` from an allowed import rather than imported.
    attribute: bool = False

    @property
    def full(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass
class Obj:
    """The result of calling ``func`` (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST)."""

    func: object
    args: object
    offset: int
    state: object = None


@dataclass(frozen=True)
class Persistent:
    """What a persistent_load callback returns for ``pid``."""

    pid: object
    offset: int


@dataclass(frozen=True)
class Opaque:
    """A value sai does not track exactly (a very large string, a buffer)."""

    kind: str


@dataclass
class ListVal:
    items: list[object] = field(default_factory=list)


@dataclass
class DictVal:
    items: list[tuple[object, object]] = field(default_factory=list)

    def get(self, key: str) -> object:
        for k, v in self.items:
            if k == key and type(k) is str:
                return v
        return None


@dataclass
class SetVal:
    items: list[object] = field(default_factory=list)
    frozen: bool = False


@dataclass(frozen=True)
class TupleVal:
    items: tuple[object, ...]


def tuple_items(value: object) -> tuple[object, ...] | None:
    """The items of a tuple value, or None when ``value`` is not a tuple."""
    return value.items if isinstance(value, TupleVal) else None


__all__ = ["DictVal", "Global", "ListVal", "Obj", "Opaque", "Persistent", "SetVal", "TupleVal"]
