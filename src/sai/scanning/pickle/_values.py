"""Abstract values on the simulated pickle stack: constants, containers, imports, calls.

Nothing here is ever executed or imported. Containers are kept as plain lists so that
unhashable or attacker-chosen keys cannot raise; large strings become ``Opaque``.
"""

from __future__ import annotations

from sai._record import FrozenRecord, Record

_set = object.__setattr__


# NOTE: `sai._record` classes, not dataclasses: a dataclass compiles its methods at import,
# which `sai scan` pays on every start.
class Global(FrozenRecord):
    """A name the loader would import (GLOBAL, STACK_GLOBAL, INST, EXT) or read by getattr."""

    __slots__ = ("attribute", "module", "name", "offset")
    module: str
    name: str
    offset: int
    #: Read by ``getattr`` from an allowed import rather than imported.
    attribute: bool

    def __init__(self, module: str, name: str, offset: int, attribute: bool = False) -> None:
        _set(self, "module", module)
        _set(self, "name", name)
        _set(self, "offset", offset)
        _set(self, "attribute", attribute)

    @property
    def full(self) -> str:
        return f"{self.module}.{self.name}"


class Obj(Record):
    """The result of calling ``func`` (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST)."""

    __slots__ = ("args", "func", "offset", "state")
    func: object
    args: object
    offset: int
    state: object

    def __init__(self, func: object, args: object, offset: int, state: object = None) -> None:
        self.func = func
        self.args = args
        self.offset = offset
        self.state = state


class Persistent(FrozenRecord):
    """What a persistent_load callback returns for ``pid``."""

    __slots__ = ("offset", "pid")
    pid: object
    offset: int

    def __init__(self, pid: object, offset: int) -> None:
        _set(self, "pid", pid)
        _set(self, "offset", offset)


class Opaque(FrozenRecord):
    """A value sai does not track exactly (a very large string, a buffer)."""

    __slots__ = ("kind",)
    kind: str

    def __init__(self, kind: str) -> None:
        _set(self, "kind", kind)


class ListVal(Record):
    __slots__ = ("items",)
    items: list[object]

    def __init__(self, items: list[object] | None = None) -> None:
        self.items = [] if items is None else items


class DictVal(Record):
    __slots__ = ("items",)
    items: list[tuple[object, object]]

    def __init__(self, items: list[tuple[object, object]] | None = None) -> None:
        self.items = [] if items is None else items

    def get(self, key: str) -> object:
        for k, v in self.items:
            if k == key and type(k) is str:
                return v
        return None


class SetVal(Record):
    __slots__ = ("frozen", "items")
    items: list[object]
    frozen: bool

    def __init__(self, items: list[object] | None = None, frozen: bool = False) -> None:
        self.items = [] if items is None else items
        self.frozen = frozen


class TupleVal(FrozenRecord):
    __slots__ = ("items",)
    items: tuple[object, ...]

    def __init__(self, items: tuple[object, ...]) -> None:
        _set(self, "items", items)


def tuple_items(value: object) -> tuple[object, ...] | None:
    """The items of a tuple value, or None when ``value`` is not a tuple."""
    return value.items if isinstance(value, TupleVal) else None


__all__ = ["DictVal", "Global", "ListVal", "Obj", "Opaque", "Persistent", "SetVal", "TupleVal"]
