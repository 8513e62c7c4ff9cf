"""Pickles hidden in the arguments of a call: loaded by the callee, scanned here.

A call outside the allow-list may unpickle what it is given (``pickle.loads(blob)``,
``torch.storage._load_from_bytes(blob)``, which is ``torch.load`` of a ``torch.save`` zip held
in the stream: how plain ``pickle`` saves a tensor). Each argument that is a pickle, or a zip
holding ``*.pkl`` members, is simulated one level deeper and its findings are reported with
the outer ones. A bare pickle is itself a finding when it imports anything; a zip's pickles
are judged like a checkpoint on disk (their own findings only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sai.scanning.containers.errors import ContainerError
from sai.scanning.containers.zip import is_zip, member_data, read_zip
from sai.scanning.pickle._values import TupleVal

if TYPE_CHECKING:
    from sai.scanning.pickle._state import PickleMode, State

MAX_PROTOCOL = 5
_MAX_MEMBERS = 1000
_MAX_MEMBER = 256 << 20


def looks_like_pickle(blob: bytes | memoryview) -> bool:
    """A stream that starts like a pickle of any protocol and ends with STOP."""
    if len(blob) < 3 or blob[-1] != ord("."):
        return False
    return (blob[0] == 0x80 and 2 <= blob[1] <= MAX_PROTOCOL) or blob[0] in b"c("


def _blobs(state: State, blob: bytes) -> list[tuple[memoryview, str, PickleMode]]:
    """The pickles in ``blob``: itself, or the ``*.pkl`` members of a zip (torch.save)."""
    from sai.scanning.pickle._state import PickleMode

    view = memoryview(blob)
    if looks_like_pickle(blob):
        return [(view, "", state.mode)]
    if not is_zip(view):
        return []
    torch_mode = PickleMode(persistent_ids=True)
    try:
        listing = read_zip(view, max_members=_MAX_MEMBERS)
        return [
            (member_data(view, m, limit=_MAX_MEMBER)[0], f"!{m.name}", torch_mode)
            for m in listing.members
            if m.name.endswith(".pkl")
        ]
    except ContainerError as error:
        state.flag(
            "pickle.nested", f"an argument is a zip sai cannot read: {error}", state.op_start
        )
        return []


def scan_nested(state: State, args: object, offset: int) -> None:
    """Simulate every pickle among ``args`` and report what it imports."""
    items = args.items if isinstance(args, TupleVal) else ()
    for item in items:
        blob = bytes(item) if isinstance(item, memoryview) else None
        if isinstance(item, str) and len(item) < state.limits.max_text:
            blob = item.encode("latin-1", "ignore")
        if not blob or state.depth >= state.limits.max_nesting:
            continue
        for data, where, mode in _blobs(state, blob):
            member = f"{state.member}!<pickle argument @{offset}>{where}"
            inner = state.sub(data, 0, mode, member)
            # A bare pickle handed to a call is a nested load whatever it imports; a
            # torch.save zip is judged by its own findings, as the same file on disk is.
            if not inner.complete or (inner.imports and not where):
                state.flag(
                    "pickle.nested",
                    f"an argument at offset {offset} is itself a pickle importing "
                    + (", ".join(sorted({g.full for g in inner.imports})) or "nothing"),
                    offset,
                )
            for item_finding in inner.findings:
                state.report(item_finding)


__all__ = ["looks_like_pickle", "scan_nested"]
