"""A pickle virtual machine that simulates loading without importing or calling anything.

It walks the opcode stream the way CPython's unpickler does, keeps an abstract stack and memo,
and records every name loading would import and every call it would make. Anything outside the
allow-list is a finding with its byte offset; a stream that would not load to its STOP is an
incomplete scan (fail closed), and whatever would have run before that point is reported too.
Time and memory are linear in the input and capped by ``PickleLimits``. The state and what
each opcode means live in ``_state``; this module adds the loop over the handlers.
"""

from __future__ import annotations

from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._dispatch import DISPATCH
from sai.scanning.pickle._state import (
    LimitError,
    PickleLimits,
    PickleMode,
    PickleRun,
    State,
    Stop,
)
from sai.scanning.pickle.allowlist import AllowList
from sai.scanning.rules import finding

_BINFLOAT = ord("G")
_PLAIN = PickleMode()
_LIMITS = PickleLimits()


class _Machine(State):
    """The state plus the opcode loop."""

    def execute(self) -> PickleRun:
        data = self.data
        size = len(data)
        dispatch = DISPATCH.get
        count = 0
        try:
            while True:
                pos = self.pos
                if pos >= size:
                    raise rd.StreamError("stream ends before STOP", pos)
                self.op_start = pos
                code = data[pos]
                if code == _BINFLOAT and pos + 9 <= size:
                    # NOTE: hot path for float-heavy pickles; the value never decides anything.
                    self.pos = pos + 9
                    self.stack.append(0.0)
                else:
                    self.pos = pos + 1
                    handler = dispatch(code)
                    if handler is None:
                        raise rd.StreamError(f"unknown opcode 0x{code:02x}", pos)
                    handler(self)
                count += 1
                if not count & 0xFFF:
                    self.check_limits(count)
        except Stop:
            self.run.complete = True
            self.run.end = self.pos
        except LimitError as error:
            self.run.end = error.offset
            self.report(
                finding("pickle.limit", error.message, member=self.member, offset=error.offset)
            )
        except rd.StreamError as error:
            self.run.end = error.offset
            self.report(
                finding(
                    "pickle.malformed",
                    f"the stream would not load: {error.message}",
                    member=self.member,
                    offset=error.offset,
                )
            )
        return self.run


def simulate(
    data: memoryview,
    start: int = 0,
    *,
    allow: AllowList,
    mode: PickleMode = _PLAIN,
    member: str = "",
    limits: PickleLimits = _LIMITS,
    depth: int = 0,
) -> PickleRun:
    """Simulate loading one pickle that starts at ``start``; never imports or calls anything."""
    return _Machine(data, start, allow, mode, member, limits, depth).execute()


__all__ = ["PickleLimits", "PickleMode", "PickleRun", "simulate"]
