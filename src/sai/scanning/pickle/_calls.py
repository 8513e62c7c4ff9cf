"""Opcode handlers that import or call: where a pickle can run code when it is loaded.

Each records the callable that loading would import or invoke on the machine (``do_import``,
``do_call``, ``persistent``, ``flag``) instead of importing or calling anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._operands import Handler, line, uint
from sai.scanning.pickle._values import Opaque, TupleVal

if TYPE_CHECKING:
    from sai.scanning.pickle.machine import _Machine


def persid(m: _Machine) -> None:
    raw = line(m)
    try:
        m.persistent(raw.decode("ascii"))
    except UnicodeDecodeError:
        raise rd.StreamError("PERSID argument is not ASCII", m.op_start) from None


def binpersid(m: _Machine) -> None:
    m.persistent(m.pop())


def reduce(m: _Machine) -> None:
    args = m.pop()
    func = m.pop()
    m.do_call(func, args, "REDUCE")


def global_(m: _Machine) -> None:
    module = rd.decode_utf8(line(m), m.op_start)
    name = rd.decode_utf8(line(m), m.op_start)
    m.stack.append(m.do_import(module, name))


def stack_global(m: _Machine) -> None:
    name = m.pop()
    module = m.pop()
    if isinstance(module, str) and isinstance(name, str):
        m.stack.append(m.do_import(module, name))
        return
    m.flag(
        "pickle.non-constant-import",
        "STACK_GLOBAL imports a name that is not a constant string "
        f"({type(module).__name__}, {type(name).__name__})",
        m.op_start,
    )
    m.stack.append(Opaque("import"))


def inst(m: _Machine) -> None:
    module = rd.decode_utf8(line(m), m.op_start)
    name = rd.decode_utf8(line(m), m.op_start)
    args = m.pop_mark()
    m.do_call(m.do_import(module, name), TupleVal(tuple(args)), "INST")


def obj(m: _Machine) -> None:
    args = m.pop_mark()
    if not args:
        raise rd.StreamError("OBJ without a class", m.op_start)
    m.do_call(args[0], TupleVal(tuple(args[1:])), "OBJ")


def newobj(m: _Machine) -> None:
    args = m.pop()
    cls = m.pop()
    m.do_call(cls, args, "NEWOBJ")


def newobj_ex(m: _Machine) -> None:
    m.pop()  # kwargs
    args = m.pop()
    cls = m.pop()
    m.do_call(cls, args, "NEWOBJ_EX")


def ext(size: int) -> Handler:
    def handler(m: _Machine) -> None:
        code = uint(m, size)
        m.flag(
            "pickle.ext-code",
            f"extension code {code} imports a copyreg-registered name",
            m.op_start,
            f"copyreg extension {code}",
        )
        m.stack.append(Opaque("import"))

    return handler


__all__ = [
    "binpersid",
    "ext",
    "global_",
    "inst",
    "newobj",
    "newobj_ex",
    "obj",
    "persid",
    "reduce",
    "stack_global",
]
