"""Evidence made many times with the same kind, subject, provisions, actor and origin.

The gateway writes one entry per request, and all but its data and time repeat from one
request to the next. An `EntryTemplate` validates those fields once, by making one `Evidence`
of them, and keeps that evidence's leaf bytes around the data and the time; `create` then
validates and freezes only the data (`frozen_plain`, one walk) and encodes only the data and
the time. The leaf is byte for byte what ``Evidence.create`` makes of the same values (the
leaf's keys are sorted: ``data`` falls between ``attachments`` and ``kind``, ``time`` before
``v``); data that is not exactly-typed plain JSON goes through ``Evidence.create``, which
converts it or names what is wrong.

Members that a series of entries repeats (the gateway's method, path, route, key, role,
model) can be made `PlainFields` once: ``create(data, fields=...)`` then validates only
``data`` and merges the members in (``data`` wins over a member of the same key).

Values that many entries repeat (the gateway's guard verdicts, most of them the same clean
verdict request after request) can be made `PlainPart`s: validated, frozen and encoded once.
``create(data, parts={key: part})`` then splices each part's frozen copy and text in under its
key instead of walking and encoding it again; the evidence is the one ``Evidence.create`` makes
of the data with the parts' values under their keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from operator import attrgetter
from types import MappingProxyType
from typing import Any

from sai.ledger._frozen import NotPlainError, frozen_fields, frozen_plain
from sai.ledger._scanner import MAX_DEPTH
from sai.ledger.canonical import plain_text
from sai.ledger.entry import Evidence
from sai.ledger.origin import Origin
from sai.ledger.prepared import format_time

_PROBE_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_DATA = ',"data":{},"kind":'
#: Stand-ins for parts while the rest of the data is encoded (control characters: a part's
#: place is found by its stand-in's encoded form, which must occur exactly once).
_MARKS = tuple(f"\x00sai part {n}\x00" for n in range(8))
_MARKED = tuple(plain_text(mark) for mark in _MARKS)


class PlainPart:
    """A value of evidence data validated, frozen and encoded once, to be spliced into many
    entries' data (`EntryTemplate.create`); immutable.

    ``depth`` is the deepest place the value may sit at, as `frozen_plain` counts (2: the value
    of a data key; 3: an item of an array that is such a value); `NotPlainError` for a value
    that is not exactly-typed canonical data there.
    """

    __slots__ = ("depth", "frozen", "text")

    depth: int
    frozen: Any
    text: str

    def __init__(self, value: Any, depth: int = 2) -> None:
        self.frozen = frozen_plain(value, depth)
        self.text = plain_text(value)
        self.depth = depth

    @classmethod
    def array(cls, items: Sequence[PlainPart], depth: int = 2) -> PlainPart:
        """The array of ``items`` (each made for ``depth + 1`` or deeper) at ``depth``."""
        if depth > MAX_DEPTH or (items and min(map(_DEPTH, items)) <= depth):
            raise ValueError("an array part's items must be made for a deeper place")
        part = cls.__new__(cls)
        part.frozen = tuple(map(_FROZEN, items))  # the items' attributes read in C, not a loop
        part.text = "[" + ",".join(map(_TEXT, items)) + "]"
        part.depth = depth
        return part


_DEPTH, _FROZEN, _TEXT = attrgetter("depth"), attrgetter("frozen"), attrgetter("text")


class PlainFields:
    """Members of evidence data validated and frozen once, for many entries' data
    (`EntryTemplate.create`'s ``fields``): strings and nulls only, so that the copy kept for
    encoding cannot change, and mappings equal member for member make the same bytes."""

    __slots__ = ("frozen", "values")

    frozen: dict[str, Any]
    values: dict[str, Any]

    def __init__(self, members: Mapping[str, Any]) -> None:
        values = dict(members)
        if any(value is not None and type(value) is not str for value in values.values()):
            raise NotPlainError
        frozen = frozen_fields(values)
        self.frozen, self.values = frozen, values


class EntryTemplate:
    """The fixed fields of a series of evidence, validated once."""

    __slots__ = ("_fields", "_head", "_middle", "_tail")

    def __init__(
        self,
        kind: str,
        subject: str,
        *,
        provisions: Iterable[str] = (),
        actor: str,
        origin: Origin,
    ) -> None:
        probe = Evidence.create(
            kind=kind,
            subject=subject,
            provisions=provisions,
            actor=actor,
            origin=origin,
            time=_PROBE_TIME,
        )
        leaf = probe.leaf_bytes().decode()
        probe_time = format_time(_PROBE_TIME)
        time_mark = ',"time":"' + probe_time + '","v":'
        # Strings escape every quote, so these marks occur once each, as the leaf's structure.
        data_at, time_at = leaf.find(_DATA), leaf.rfind(time_mark)
        if leaf.count(_DATA) != 1 or not 0 < data_at < time_at:
            raise ValueError("cannot make a template of this evidence")
        self._head = leaf[: data_at + 8]  # ... ',"data":'
        self._middle = leaf[data_at + 10 : time_at + 9]  # ',"kind":' ... ',"time":"'
        self._tail = leaf[time_at + 9 + len(probe_time) :]  # '","v":2}'
        self._fields: dict[str, Any] = {
            "kind": probe.kind,
            "subject": probe.subject,
            "provisions": probe.provisions,
            "actor": probe.actor,
            "attachments": (),
            "origin": probe.origin,
        }

    def create(
        self,
        data: Mapping[str, Any],
        time: datetime | None = None,
        *,
        parts: Mapping[str, PlainPart] | None = None,
        fields: PlainFields | None = None,
    ) -> Evidence:
        """Evidence with these fields, ``data`` (with ``fields``' members under theirs, then
        each of ``parts`` under its key) and ``time`` (default: now, UTC); as
        ``Evidence.create`` would make it of that data (raising what it raises for bad data or
        time). Only ``data`` is validated here: ``fields`` and ``parts`` were, once."""
        moment = datetime.now(UTC) if time is None else time
        try:
            if type(data) is not dict or type(moment) is not datetime or moment.tzinfo is not UTC:
                raise NotPlainError
            if parts or fields is not None:
                frozen, text = _spliced(data, parts or {}, fields)
            else:
                frozen, text = frozen_plain(data), plain_text(data)
        except NotPlainError:
            probe = self._fields
            if (parts or fields is not None) and isinstance(data, Mapping):
                data = {
                    **(fields.values if fields is not None else {}),
                    **data,
                    **{key: part.frozen for key, part in (parts or {}).items()},
                }
            return Evidence.create(
                probe["kind"],
                probe["subject"],
                provisions=probe["provisions"],
                actor=probe["actor"],
                origin=probe["origin"],
                data=data,
                time=moment,
            )
        # ``format_time`` of a UTC time: its ISO form without the offset's "+00:00", then "Z"
        stamp = moment.isoformat(timespec="microseconds")[:-6]
        leaf = self._head + text + self._middle + stamp + "Z" + self._tail
        evidence: Evidence = Evidence.__new__(Evidence)
        evidence.__dict__.update(self._fields, time=moment, data=frozen, _leaf=leaf.encode())
        return evidence


def _spliced(
    data: dict[str, Any], parts: Mapping[str, PlainPart], fields: PlainFields | None
) -> tuple[Any, str]:
    """The frozen copy and canonical text of ``fields``' members, then ``data``'s, with
    ``parts`` under their keys: ``data`` is validated and everything encoded with a stand-in
    for each part, whose one place in the text takes the part's text; `NotPlainError` when
    that cannot be done (the general path decides)."""
    if len(parts) > len(_MARKS):
        raise NotPlainError
    marked = dict(data)
    for mark, (key, part) in zip(_MARKS, parts.items(), strict=False):
        if part.depth < 2:
            raise NotPlainError
        marked[key] = mark
    own = frozen_fields(marked)  # data and the parts' keys: the fields' members are checked
    if fields is not None:
        own = {**fields.frozen, **own}
        marked = {**fields.values, **marked}
    text = plain_text(marked)
    places = []
    for marked_text, part in zip(_MARKED, parts.values(), strict=False):
        at = text.find(marked_text)
        if text.find(marked_text, at + 1) >= 0:  # the data holds a stand-in's text too
            raise NotPlainError
        places.append((at, len(marked_text), part.text))
    places.sort()
    pieces: list[str] = []
    done = 0
    for at, length, part_text in places:
        pieces += (text[done:at], part_text)
        done = at + length
    pieces.append(text[done:])
    for key, part in parts.items():
        own[key] = part.frozen
    return MappingProxyType(own), "".join(pieces)


__all__ = ["EntryTemplate", "NotPlainError", "PlainFields", "PlainPart"]
