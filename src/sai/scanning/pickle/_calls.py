"""Opcode handlers that import or call: where a pickle can run code when it is loaded.

Each records the callable that loading would import or invoke on the machine (``do_import``,
``do_call``, ``persistent``, ``flag``) instead of importing or calling anything.
"""

from __future__ import annotations

from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._joblib import skip_inline_array
from sai.scanning.pickle._operands import Handler, line, uint
from sai.scanning.pickle._state import State
from sai.scanning.pickle._values import DictVal, Global, Obj, Opaque, Persistent, TupleVal


def persid(m: State) -> None:
    raw = line(m)
    try:
        m.persistent(raw.decode("ascii"))
    except UnicodeDecodeError:
        raise rd.StreamError("PERSID argument is not ASCII", m.op_start) from None


def binpersid(m: State) -> None:
    m.persistent(m.pop())


def reduce(m: State) -> None:
    args = m.pop()
    func = m.pop()
    m.do_call(func, args, "REDUCE")


def global_(m: State) -> None:
    module = rd.decode_utf8(line(m), m.op_start)
    name = rd.decode_utf8(line(m), m.op_start)
    m.stack.append(m.do_import(module, name))


def stack_global(m: State) -> None:
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


def inst(m: State) -> None:
    module = rd.decode_utf8(line(m), m.op_start)
    name = rd.decode_utf8(line(m), m.op_start)
    args = m.pop_mark()
    m.do_call(m.do_import(module, name), TupleVal(tuple(args)), "INST")


def obj(m: State) -> None:
    args = m.pop_mark()
    if not args:
        raise rd.StreamError("OBJ without a class", m.op_start)
    m.do_call(args[0], TupleVal(tuple(args[1:])), "OBJ")


def newobj(m: State) -> None:
    args = m.pop()
    cls = m.pop()
    m.do_call(cls, args, "NEWOBJ")


def newobj_ex(m: State) -> None:
    m.pop()  # kwargs
    args = m.pop()
    cls = m.pop()
    m.do_call(cls, args, "NEWOBJ_EX")


def build(m: State) -> None:
    """BUILD: set state on the object below; joblib's array wrapper skips its raw bytes."""
    state = m.pop()
    inst = m.top()
    offset = m.op_start
    if isinstance(inst, Global):
        m.flag(
            "pickle.build-on-global",
            f"BUILD sets state on the imported {inst.full}",
            offset,
            inst.full,
        )
        return
    if isinstance(inst, Persistent | Opaque):
        return
    if not isinstance(inst, Obj):
        raise rd.StreamError(f"BUILD on a {type(inst).__name__}, which has no state", offset)
    for part in (state, *(state.items if isinstance(state, TupleVal) else ())):
        if isinstance(part, DictVal):
            for key, _ in part.items:
                if isinstance(key, str) and key.startswith("__") and key.endswith("__"):
                    m.flag("pickle.dunder-state", f"BUILD state sets {key}", offset)
    m.check_state(inst, state)
    inst.state = state
    func = inst.func
    if (
        m.mode.joblib
        and isinstance(func, Global)
        and (func.module, func.name) == ("joblib.numpy_pickle", "NumpyArrayWrapper")
    ):
        m.pos = skip_inline_array(m, state)


def ext(size: int) -> Handler:
    def handler(m: State) -> None:
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
    "build",
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
