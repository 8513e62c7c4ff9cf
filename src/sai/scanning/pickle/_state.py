"""The pickle machine's state and semantics, shared by the opcode handlers.

``State`` holds the abstract stack, memo and findings of one simulated load and implements
what the opcodes mean (mutate, memoise; import and call come from ``_semantics``) without
importing or calling anything.
The opcode loop lives in ``machine``; handlers (``_dispatch``, ``_calls``, ``_joblib``) import
this module only, so the machine and its handlers do not import each other.
"""

from __future__ import annotations

import abc

from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._run import MAX_PROTOCOL, PickleLimits, PickleMode, PickleRun
from sai.scanning.pickle._semantics import Semantics
from sai.scanning.pickle._values import DictVal, Global, ListVal, Obj, Opaque, Persistent, SetVal
from sai.scanning.pickle.allowlist import AllowList
from sai.scanning.result import Confidence, Finding
from sai.scanning.rules import finding


class Stop(Exception):
    """STOP was reached: the load completed."""


class State(Semantics):
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
