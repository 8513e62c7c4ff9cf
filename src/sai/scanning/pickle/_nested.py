"""Pickles hidden in the arguments of a call: loaded by the callee, scanned by the machine.

A call outside the allow-list may unpickle what it is given (``pickle.loads(blob)``,
``torch.storage._load_from_bytes(blob)``, which is ``torch.load`` of a ``torch.save`` zip held
in the stream: how plain ``pickle`` saves a tensor). ``pickles_in`` finds them: the argument
itself when it is a pickle, or the ``*.pkl`` members of a zip. The machine simulates each one
level deeper (``State.nested``).
"""

from __future__ import annotations

from sai._record import FrozenRecord
from sai.scanning.containers.errors import ContainerError
from sai.scanning.containers.zip import is_zip, member_data, read_zip

MAX_PROTOCOL = 5
_MAX_MEMBERS = 1000
_MAX_MEMBER = 256 << 20


class Embedded(FrozenRecord):
    """One pickle inside an argument: its bytes and, for a zip member, the member's name."""

    __slots__ = ("data", "member")
    data: memoryview
    member: str

    def __init__(self, data: memoryview, member: str = "") -> None:
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "member", member)


def looks_like_pickle(blob: bytes | memoryview) -> bool:
    """A stream that starts like a pickle of any protocol and ends with STOP."""
    if len(blob) < 3 or blob[-1] != ord("."):
        return False
    return (blob[0] == 0x80 and 2 <= blob[1] <= MAX_PROTOCOL) or blob[0] in b"c("


def pickles_in(blob: bytes) -> tuple[list[Embedded], str]:
    """The pickles in ``blob`` (itself, or a zip's ``*.pkl`` members) and why a zip could
    not be read ("" when it could, or ``blob`` is neither)."""
    view = memoryview(blob)
    if looks_like_pickle(blob):
        return [Embedded(view)], ""
    if not is_zip(view):
        return [], ""
    try:
        listing = read_zip(view, max_members=_MAX_MEMBERS)
        found = [
            Embedded(member_data(view, m, limit=_MAX_MEMBER)[0], m.name)
            for m in listing.members
            if m.name.endswith(".pkl")
        ]
    except ContainerError as error:
        return [], str(error)
    return found, ""


__all__ = ["Embedded", "looks_like_pickle", "pickles_in"]
