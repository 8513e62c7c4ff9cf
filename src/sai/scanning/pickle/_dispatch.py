"""Opcode handlers of the pickle machine, one small function per opcode (protocols 0-5).

Each handler reads its argument at ``m.pos``, advances it, and updates the abstract stack the
way CPython's unpickler would, but never imports or calls anything. The handlers that push
literals are in :mod:`sai.scanning.pickle._literals`, those that call in ``_calls``.
"""

from __future__ import annotations

from collections.abc import Callable

from sai.scanning.pickle import _calls as calls
from sai.scanning.pickle import _literals as lit
from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._operands import Handler, line, uint
from sai.scanning.pickle._state import State
from sai.scanning.pickle._values import DictVal, ListVal, Opaque, SetVal, TupleVal


def _mark(m: State) -> None:
    m.meta.append(m.stack)
    m.stack = []


def _pop(m: State) -> None:
    if m.stack:
        m.stack.pop()
    else:
        m.pop_mark()


def _pop_mark(m: State) -> None:
    m.pop_mark()


def _dup(m: State) -> None:
    m.stack.append(m.top())


def _append(m: State) -> None:
    value = m.pop()
    m.add_to(m.top(), [value], "append")


def _appends(m: State) -> None:
    items = m.pop_mark()
    m.add_to(m.top(), items, "append")


def _setitem(m: State) -> None:
    value = m.pop()
    key = m.pop()
    m.add_to(m.top(), [key, value], "setitem")


def _setitems(m: State) -> None:
    items = m.pop_mark()
    if len(items) % 2:
        raise rd.StreamError("SETITEMS with an odd number of items", m.op_start)
    m.add_to(m.top(), items, "setitem")


def _additems(m: State) -> None:
    items = m.pop_mark()
    m.add_to(m.top(), items, "add")


def _get_text(m: State) -> None:
    m.memo_get(int(rd.text_int(line(m), m.op_start, long=True)))


def _get(size: int) -> Handler:
    def handler(m: State) -> None:
        m.memo_get(uint(m, size))

    return handler


def _put_text(m: State) -> None:
    m.memo_put(int(rd.text_int(line(m), m.op_start, long=True)))


def _put(size: int) -> Handler:
    def handler(m: State) -> None:
        m.memo_put(uint(m, size))

    return handler


def _memoize(m: State) -> None:
    m.memo_put(len(m.memo))


def _collect(kind: str) -> Handler:
    def handler(m: State) -> None:
        items = m.pop_mark()
        if kind == "list":
            m.stack.append(ListVal(items))
        elif kind == "tuple":
            m.stack.append(TupleVal(tuple(items)))
        elif kind == "frozenset":
            m.stack.append(SetVal(items, frozen=True))
        else:
            if len(items) % 2:
                raise rd.StreamError("DICT with an odd number of items", m.op_start)
            m.stack.append(DictVal(list(zip(items[::2], items[1::2], strict=True))))

    return handler


def _tuple_n(count: int) -> Handler:
    def handler(m: State) -> None:
        if len(m.stack) < count:
            raise rd.StreamError("stack underflow", m.op_start)
        items = tuple(m.stack[len(m.stack) - count :])
        del m.stack[len(m.stack) - count :]
        m.stack.append(TupleVal(items))

    return handler


def _empty(factory: Callable[[], object]) -> Handler:
    def handler(m: State) -> None:
        m.stack.append(factory())

    return handler


def _proto(m: State) -> None:
    m.set_proto(uint(m, 1))


def _frame(m: State) -> None:
    length = uint(m, 8)
    rd.need(m.data, m.pos, length)


def _next_buffer(m: State) -> None:
    # Plain loading fails here (fail closed), but a loader that passes `buffers=` goes on:
    # the rest of the stream is still simulated, so what it would run is reported too.
    m.flag(
        "pickle.malformed",
        "the stream would not load: out-of-band buffer requested; plain loading fails here",
        m.op_start,
    )
    m.stack.append(Opaque("buffer"))


def _readonly_buffer(m: State) -> None:
    m.top()


DISPATCH: dict[int, Handler] = {
    ord("("): _mark,
    ord("."): lambda m: m.stop(),
    ord("0"): _pop,
    ord("1"): _pop_mark,
    ord("2"): _dup,
    ord("F"): lit.float_,
    ord("I"): lit.int_,
    ord("J"): lit.binint,
    ord("K"): lambda m: m.stack.append(uint(m, 1)),
    ord("L"): lit.long_,
    ord("M"): lambda m: m.stack.append(uint(m, 2)),
    ord("N"): lit.const(None),
    ord("P"): calls.persid,
    ord("Q"): calls.binpersid,
    ord("R"): calls.reduce,
    ord("S"): lit.string,
    ord("T"): lit.binstring(4, signed=True),
    ord("U"): lit.binstring(1, signed=False),
    ord("V"): lit.unicode,
    ord("X"): lit.binunicode(4),
    ord("a"): _append,
    ord("b"): calls.build,
    ord("c"): calls.global_,
    ord("d"): _collect("dict"),
    ord("}"): _empty(DictVal),
    ord("e"): _appends,
    ord("g"): _get_text,
    ord("h"): _get(1),
    ord("i"): calls.inst,
    ord("j"): _get(4),
    ord("l"): _collect("list"),
    ord("]"): _empty(ListVal),
    ord("o"): calls.obj,
    ord("p"): _put_text,
    ord("q"): _put(1),
    ord("r"): _put(4),
    ord("s"): _setitem,
    ord("t"): _collect("tuple"),
    ord(")"): _empty(lambda: TupleVal(())),
    ord("u"): _setitems,
    ord("G"): lit.binfloat,
    0x80: _proto,
    0x81: calls.newobj,
    0x82: calls.ext(1),
    0x83: calls.ext(2),
    0x84: calls.ext(4),
    0x85: _tuple_n(1),
    0x86: _tuple_n(2),
    0x87: _tuple_n(3),
    0x88: lit.const(True),
    0x89: lit.const(False),
    0x8A: lit.long_n(1),
    0x8B: lit.long_n(4),
    ord("B"): lit.binbytes(4),
    ord("C"): lit.binbytes(1),
    0x8C: lit.binunicode(1),
    0x8D: lit.binunicode(8),
    0x8E: lit.binbytes(8),
    0x8F: _empty(SetVal),
    0x90: _additems,
    0x91: _collect("frozenset"),
    0x92: calls.newobj_ex,
    0x93: calls.stack_global,
    0x94: _memoize,
    0x95: _frame,
    0x96: lit.binbytes(8),
    0x97: _next_buffer,
    0x98: _readonly_buffer,
}

__all__ = ["DISPATCH"]
