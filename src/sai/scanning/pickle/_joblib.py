"""joblib's inline arrays: raw array bytes that interrupt the pickle stream.

joblib's unpickler reads a ``NumpyArrayWrapper``'s array straight from the file right after
its BUILD opcode: optional alignment padding, then the raw bytes, or (for object arrays) a
further plain pickle. The machine must step over the raw bytes exactly, and scan the nested
pickle, or the rest of the stream would be misread.
"""

from __future__ import annotations

import re

from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._state import PickleMode, State
from sai.scanning.pickle._values import DictVal, Obj, TupleVal

_HASOBJECT = 0x01
_DIGITS = re.compile(r"[A-Za-z?]+(\d+)$")


def _dtype_size(dtype: object, offset: int) -> tuple[int, bool]:
    """(itemsize, has-objects) of a pickled ``numpy.dtype`` value."""
    if not isinstance(dtype, Obj) or not isinstance(dtype.args, TupleVal) or not dtype.args.items:
        raise rd.StreamError("joblib array without a readable dtype", offset)
    typestr = dtype.args.items[0]
    state = dtype.state.items if isinstance(dtype.state, TupleVal) else ()
    flags = state[7] if len(state) > 7 and isinstance(state[7], int) else 0
    if not isinstance(typestr, str):
        raise rd.StreamError("joblib dtype type string is not text", offset)
    if flags & _HASOBJECT or typestr.startswith("O"):
        return 8, True
    elsize = state[5] if len(state) > 5 and isinstance(state[5], int) else -1
    if elsize > 0:
        return elsize, False
    match = _DIGITS.match(typestr)
    if match is None:
        raise rd.StreamError(f"joblib dtype {typestr[:20]!r} has no item size", offset)
    return int(match.group(1)), False


def skip_inline_array(m: State, state: object) -> int:
    """The stream position after the array that follows a NumpyArrayWrapper's BUILD."""
    offset = m.op_start
    if not isinstance(state, DictVal):
        raise rd.StreamError("NumpyArrayWrapper state is not a dict", offset)
    shape = state.get("shape")
    if not isinstance(shape, TupleVal) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape.items
    ):
        raise rd.StreamError("NumpyArrayWrapper shape is not a tuple of sizes", offset)
    count = 1
    for n in shape.items:
        count *= int(n)  # type: ignore[call-overload]
    itemsize, has_objects = _dtype_size(state.get("dtype"), offset)
    pos = m.pos
    if has_objects:
        if m.depth >= m.limits.max_nesting:
            raise rd.StreamError("object arrays nested too deeply", offset)
        inner = m.sub(m.data, pos, PickleMode(), m.member)
        m.run.imports.extend(inner.imports)
        for item in inner.findings:
            m.report(item)
        if not inner.complete:
            raise rd.StreamError("the object array's pickle does not load", inner.end)
        return inner.end
    if state.get("numpy_array_alignment_bytes") is not None:
        padding, pos = rd.uint(m.data, pos, 1)
        pos = rd.need(m.data, pos, padding)
    return rd.need(m.data, pos, count * itemsize)


__all__ = ["skip_inline_array"]
