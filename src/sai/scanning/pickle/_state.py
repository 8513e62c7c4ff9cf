"""The pickle machine's state and semantics, shared by the opcode handlers.

``State`` holds the abstract stack, memo and findings of one simulated load and implements
what the opcodes mean (import, call, mutate, memoise) without importing or calling anything.
The opcode loop lives in ``machine``; handlers (``_dispatch``, ``_calls``, ``_joblib``) import
this module only, so the machine and its handlers do not import each other.
"""

from __future__ import annotations

import _compat_pickle
import abc
from dataclasses import dataclass, field

from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._values import (
    DictVal,
    Global,
    ListVal,
    Obj,
    Opaque,
    Persistent,
    SetVal,
    TupleVal,
)
from sai.scanning.pickle.allowlist import AllowList
from sai.scanning.pickle.danger import classify
from sai.scanning.result import Confidence, Finding
from sai.scanning.rules import finding

MAX_PROTOCOL = 5


@dataclass(frozen=True)
class PickleLimits:
    """Caps that keep the simulation bounded on hostile input."""

    max_opcodes: int = 200_000_000
    max_memo: int = 10_000_000
    max_stack: int = 10_000_000
    max_text: int = 1 << 20
    max_nesting: int = 8
    max_findings: int = 200


@dataclass(frozen=True)
class PickleMode:
    """What the surrounding loader supports: torch's persistent ids, joblib's inline arrays."""

    persistent_ids: bool = False
    joblib: bool = False
    torchscript: bool = False


@dataclass
class PickleRun:
    """The outcome of simulating one pickle: findings, where it ended, what it returned."""

    findings: list[Finding] = field(default_factory=list)
    end: int = 0
    complete: bool = False
    result: object = None
    imports: list[Global] = field(default_factory=list)
    dropped: int = 0


class Stop(Exception):
    """STOP was reached: the load completed."""


class State(abc.ABC):
    """One simulated load; ``execute`` (the opcode loop) is supplied by ``machine``."""

    def __init__(
        self,
        data: memoryview,
        pos: int,
        allow: AllowList,
        mode: PickleMode,
        member: str,
        limits: PickleLimits,
        depth: int,
    ) -> None:
        self.data, self.pos, self.allow, self.mode = data, pos, allow, mode
        self.member, self.limits, self.depth = member, limits, depth
        self.stack: list[object] = []
        self.meta: list[list[object]] = []
        self.memo: dict[int, object] = {}
        self.proto = 0
        self.op_start = pos
        self.run = PickleRun(end=pos)

    # -- reporting ---------------------------------------------------------------------------
    def report(self, item: Finding) -> None:
        if len(self.run.findings) < self.limits.max_findings:
            self.run.findings.append(item)
        else:
            self.run.dropped += 1

    def flag(
        self,
        rule: str,
        message: str,
        offset: int,
        name: str | None = None,
        confidence: Confidence | None = None,
    ) -> None:
        self.report(
            finding(
                rule,
                message,
                member=self.member,
                offset=offset,
                callable=name,
                confidence=confidence,
            )
        )

    # -- stack helpers -----------------------------------------------------------------------
    def pop(self) -> object:
        if not self.stack:
            raise rd.StreamError("stack underflow", self.op_start)
        return self.stack.pop()

    def top(self) -> object:
        if not self.stack:
            raise rd.StreamError("stack underflow", self.op_start)
        return self.stack[-1]

    def pop_mark(self) -> list[object]:
        if not self.meta:
            raise rd.StreamError("MARK expected but none is open", self.op_start)
        items = self.stack
        self.stack = self.meta.pop()
        return items

    # -- semantics ---------------------------------------------------------------------------
    def do_import(self, module: str, name: str) -> Global:
        if self.proto < 3:
            if (module, name) in _compat_pickle.NAME_MAPPING:
                module, name = _compat_pickle.NAME_MAPPING[(module, name)]
            elif module in _compat_pickle.IMPORT_MAPPING:
                module = _compat_pickle.IMPORT_MAPPING[module]
        ref = Global(module, name, self.op_start)
        self.run.imports.append(ref)
        if not self.allow.allows(module, name, torchscript=self.mode.torchscript):
            confidence = classify(module, name)
            known = (
                "known to reach code, files, processes or the network"
                if confidence is Confidence.dangerous
                else "not known to be safe"
            )
            self.flag(
                "pickle.import-not-allowed",
                f"loading imports {ref.full}, which is not on the allow-list ({known})",
                self.op_start,
                ref.full,
                confidence,
            )
        return ref

    def do_call(self, func: object, args: object, kind: str) -> None:
        offset = self.op_start
        if isinstance(func, Global):
            if not self.allow.allows(func.module, func.name, torchscript=self.mode.torchscript):
                if func.attribute:
                    self.flag(
                        "pickle.call-computed",
                        f"{kind} calls {func.full}, an attribute read by getattr that is not "
                        "on the allow-list",
                        offset,
                        func.full,
                    )
                self.nested(args, offset)
            elif not self.allow.arguments_allowed(func.module, func.name, args):
                self.flag(
                    "pickle.argument-not-allowed",
                    f"{kind} calls {func.full} with arguments it is not allowed to take",
                    offset,
                    func.full,
                )
            elif self.allow.arg_rules.get((func.module, func.name)) == "attribute":
                ref = self.allow.attribute(*args.items) if isinstance(args, TupleVal) else None
                if ref is not None:  # getattr(<allowed>, "name"): a name, checked if called
                    self.stack.append(Global(ref.module, ref.name, offset, attribute=True))
                    return
        elif not isinstance(func, Opaque):
            self.flag(
                "pickle.call-computed",
                f"{kind} calls a {type(func).__name__} value, not an imported name",
                offset,
            )
        self.stack.append(Obj(func, args, offset))

    def check_state(self, inst: Obj, state: object) -> None:
        """BUILD of a callable that calls what it holds (``functools.partial``): same rule.

        ``partial.__setstate__`` replaces the callable and its arguments, so its state is
        held to the rule its construction was."""
        func = inst.func
        if not isinstance(func, Global):
            return
        rule = self.allow.arg_rules.get((func.module, func.name))
        if rule not in ("callables", "callee"):
            return
        held = state if rule == "callee" and isinstance(state, TupleVal) else TupleVal((state,))
        if self.allow.arguments_allowed(func.module, func.name, held):
            return
        self.flag(
            "pickle.argument-not-allowed",
            f"BUILD gives {func.full} state it is not allowed to take",
            self.op_start,
            func.full,
        )

    def nested(self, args: object, offset: int) -> None:
        """Scan pickles (and ``torch.save`` zips) passed as arguments to a loader-like call."""
        from sai.scanning.pickle._nested import scan_nested

        scan_nested(self, args, offset)

    def add_to(self, target: object, values: list[object], what: str) -> None:
        if isinstance(target, ListVal) and what == "append":
            target.items.extend(values)
        elif isinstance(target, DictVal) and what == "setitem":
            target.items.extend(zip(values[::2], values[1::2], strict=True))
        elif isinstance(target, SetVal) and what == "add" and not target.frozen:
            target.items.extend(values)
        elif isinstance(target, Global):
            self.flag(
                "pickle.mutates-global",
                f"{what.upper()} on the imported {target.full}",
                self.op_start,
                target.full,
            )
        elif not isinstance(target, Obj | Persistent | Opaque):
            raise rd.StreamError(f"{what.upper()} on a {type(target).__name__}", self.op_start)

    def persistent(self, pid: object) -> None:
        if not self.mode.persistent_ids:
            self.flag(
                "pickle.persistent-id",
                "persistent id: plain pickle.load stops here; a custom loader decides",
                self.op_start,
            )
        self.stack.append(Persistent(pid, self.op_start))

    def text(self, raw: memoryview) -> object:
        if len(raw) > self.limits.max_text:
            return Opaque("str")
        return rd.decode_utf8(raw, self.op_start)

    def memo_get(self, index: int) -> None:
        if index not in self.memo:
            raise rd.StreamError(f"memo key {index} was never stored", self.op_start)
        self.stack.append(self.memo[index])

    def memo_put(self, index: int) -> None:
        if index < 0:
            raise rd.StreamError("negative memo index", self.op_start)
        if len(self.memo) >= self.limits.max_memo and index not in self.memo:
            raise LimitError(f"memo grows past {self.limits.max_memo} entries", self.op_start)
        self.memo[index] = self.top()

    def sub(self, data: memoryview, pos: int, mode: PickleMode, member: str) -> PickleRun:
        """Simulate a pickle nested in this one (one level deeper) and return its run."""
        return type(self)(
            data, pos, self.allow, mode, member, self.limits, self.depth + 1
        ).execute()

    @abc.abstractmethod
    def execute(self) -> PickleRun:
        """Run the opcode loop to STOP (implemented by the machine)."""

    def check_limits(self, count: int) -> None:
        limits = self.limits
        if count > limits.max_opcodes:
            raise LimitError(f"more than {limits.max_opcodes} opcodes", self.op_start)
        if len(self.stack) > limits.max_stack or len(self.meta) > limits.max_stack:
            raise LimitError(f"stack deeper than {limits.max_stack}", self.op_start)

    def stop(self) -> None:
        self.run.result = self.pop()
        raise Stop

    def set_proto(self, proto: int) -> None:
        if proto > MAX_PROTOCOL:
            raise rd.StreamError(f"unsupported pickle protocol {proto}", self.op_start)
        self.proto = proto


class LimitError(rd.StreamError):
    """A scan limit was reached (reported as ``pickle.limit``)."""


__all__ = [
    "MAX_PROTOCOL",
    "LimitError",
    "PickleLimits",
    "PickleMode",
    "PickleRun",
    "State",
    "Stop",
]
