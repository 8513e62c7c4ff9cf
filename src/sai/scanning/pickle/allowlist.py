"""The allow-list of callables a model pickle may import, and how a policy extends it.

The reviewed data file ``allowlist.txt`` beside this module holds one ``module name`` entry per
line (several names may share a line and its reason). Matching is exact: any import not listed
is a finding. Some callables are safe only with arguments of one shape (``args=RULE``): a
ufunc rebuilt by name must name an allowed ufunc, ``getattr`` must read a public attribute of
an allowed import whose name is not a known-dangerous one (or an attribute listed as
``Class.attribute``), and callables that call what they are given (``args=callables``) must
not be given a callable that is only safe with arguments of its own shape, or an attribute
that is not listed (``args=callee``: and the first argument, the callable held, must be an
allowed import; ``args=single``: one argument only; ``args=new``: a class that may only be
created by ``NEWOBJ``, i.e. ``cls.__new__`` without its ``__init__``; ``args=latin1``: text
and the codec ``latin1``, as protocols 0-2 pickle bytes; ``args=value``: a class that is only
a value, never called). Those shapes are checked where the
callable is called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

from sai._record import FrozenRecord
from sai.scanning._package_data import package_text
from sai.scanning.pickle._values import Global, ListVal, Opaque, TupleVal
from sai.scanning.pickle.danger import default_dangerous

#: Module prefix of TorchScript classes; resolved by TorchScript's own compiler, not imported.
TORCHSCRIPT_PREFIX = "__torch__"
#: Argument shapes an entry may require.
ARG_RULES = frozenset(
    {"import", "attribute", "callables", "callee", "single", "new", "latin1", "value"}
)
#: Opcodes that create an instance with ``cls.__new__(cls, *args)``, never calling ``__init__``.
_NEW_KINDS = frozenset({"NEWOBJ", "NEWOBJ_EX"})
#: Codec names of ``_codecs.encode(text, "latin1")``, how protocols 0-2 pickle bytes.
_LATIN1 = frozenset({"latin1", "latin-1"})
_PUBLIC = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
#: A name, or ``Class.attribute`` (what ``getattr`` of an allowed class reads).
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$")
_MAX_DEPTH = 4


class AllowList(FrozenRecord):
    """Exact (module, name) pairs that loading may import without a finding."""

    __slots__ = ("arg_rules", "entries")
    _uncompared = ("arg_rules",)
    entries: frozenset[tuple[str, str]]
    #: (module, name) -> argument shape that calls of it must have.
    arg_rules: Mapping[tuple[str, str], str]

    def __init__(
        self,
        entries: frozenset[tuple[str, str]],
        arg_rules: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        self._assign(entries, MappingProxyType({}) if arg_rules is None else arg_rules)

    def allows(self, module: str, name: str, *, torchscript: bool = False) -> bool:
        """Whether importing ``module.name`` is allowed (TorchScript classes in archives only)."""
        if (module, name) in self.entries:
            return True
        return torchscript and (
            module == TORCHSCRIPT_PREFIX or module.startswith(TORCHSCRIPT_PREFIX + ".")
        )

    def arguments_allowed(self, module: str, name: str, args: object, kind: str = "REDUCE") -> bool:
        """Whether calling the allowed ``module.name`` with ``args`` keeps to its shape
        (``kind``: the opcode that calls it; ``args=new`` classes only by NEWOBJ)."""
        rule = self.arg_rules.get((module, name))
        if rule is None or rule in ("new", "value"):
            return rule is None or (rule == "new" and kind in _NEW_KINDS)
        items = args.items if isinstance(args, TupleVal) else None
        if items is None:
            return False
        if rule in ("callables", "callee", "single"):
            return self._calls_allowed(rule, items)
        if len(items) != 2:
            return False
        first, second = items
        if rule in ("import", "latin1"):
            return self._pair_allowed(rule, first, second)
        return self.attribute(first, second) is not None

    def _pair_allowed(self, rule: str, first: object, second: object) -> bool:
        if rule == "latin1":
            return isinstance(first, str | Opaque) and second in _LATIN1
        return (
            isinstance(first, str)
            and isinstance(second, str)
            and "." not in second
            and (first, second) in self.entries
            and (first, second) not in self.arg_rules
        )

    def _calls_allowed(self, rule: str, items: tuple[object, ...]) -> bool:
        if rule == "single":
            return len(items) == 1
        passable = all(self.passable(item) for item in items)
        if rule == "callables":
            return passable
        callee = items[0] if items else None
        return passable and isinstance(callee, Global) and self.allows(callee.module, callee.name)

    def attribute(self, owner: object, name: object) -> Global | None:
        """What ``getattr(owner, name)`` reads, as a dotted name, when that is allowed.

        Allowed: an attribute listed as ``Class.attribute``, or a public one of an allowed
        import whose name is not on the dangerous list (``write_text``, ``eval``, ...)."""
        if not isinstance(owner, Global) or not isinstance(name, str) or "." in owner.name:
            return None
        ref = Global(owner.module, f"{owner.name}.{name}", owner.offset, attribute=True)
        if (ref.module, ref.name) in self.entries:
            return ref
        if (owner.module, owner.name) not in self.entries or not _PUBLIC.match(name):
            return None
        return None if default_dangerous().matches(owner.full, name) else ref

    def passable(self, value: object, depth: int = 0) -> bool:
        """Whether ``value`` may be handed to a callable that calls what it is given.

        Refused: a callable that is safe only with arguments of its own shape (``getattr``,
        a ufunc rebuilt by name), which the receiver would call with arguments nobody
        checked, and an attribute read by ``getattr`` that is not listed by name."""
        if isinstance(value, Global):
            pair = (value.module, value.name)
            return pair not in self.arg_rules and ("." not in value.name or pair in self.entries)
        if isinstance(value, TupleVal | ListVal):  # nested deeper than sai looks: refused
            items = value.items
            return depth < _MAX_DEPTH and all(self.passable(item, depth + 1) for item in items)
        return True

    def extended(self, pairs: Iterable[tuple[str, str]]) -> AllowList:
        """This allow-list plus ``pairs`` (from a policy file)."""
        return AllowList(self.entries | frozenset(pairs), self.arg_rules)


def parse_entries(text: str) -> tuple[frozenset[tuple[str, str]], dict[tuple[str, str], str]]:
    """Pairs and argument rules from ``module name[,name] [args=RULE]  # reason`` lines."""
    pairs: set[tuple[str, str]] = set()
    rules: dict[tuple[str, str], str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        parts = body.split()
        rule = None
        if len(parts) == 3 and parts[2].startswith("args="):
            rule = parts.pop().removeprefix("args=")
            if rule not in ARG_RULES:
                raise ValueError(f"allow-list line {number}: unknown argument rule {rule!r}")
        if len(parts) != 2 or not all(_NAME.match(n) for n in parts[1].split(",")):
            raise ValueError(f"allow-list line {number}: expected `module name`, got {body!r}")
        for name in parts[1].split(","):
            if "." in name and rule is not None:
                raise ValueError(f"allow-list line {number}: an attribute takes no rule")
            pairs.add((parts[0], name))
            if rule is not None:
                rules[(parts[0], name)] = rule
    return frozenset(pairs), rules


def parse_allowlist(text: str) -> frozenset[tuple[str, str]]:
    """The (module, name) pairs of allow-list text."""
    return parse_entries(text)[0]


@cache
def default_allowlist() -> AllowList:
    """sai's reviewed allow-list (read once from the package data)."""
    text = package_text("sai.scanning.pickle", "allowlist.txt")
    pairs, rules = parse_entries(text)
    return AllowList(pairs, MappingProxyType(rules))


__all__ = [
    "ARG_RULES",
    "TORCHSCRIPT_PREFIX",
    "AllowList",
    "default_allowlist",
    "parse_allowlist",
    "parse_entries",
]
