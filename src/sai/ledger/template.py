"""Evidence made many times with the same kind, subject, provisions, actor and origin.

The gateway writes one entry per request, and all but its data and time repeat from one
request to the next. An `EntryTemplate` validates those fields once, by making one `Evidence`
of them, and keeps that evidence's leaf bytes around the data and the time; `create` then
validates and freezes only the data (`frozen_plain`, one walk) and encodes only the data and
the time. The leaf is byte for byte what ``Evidence.create`` makes of the same values (the
leaf's keys are sorted: ``data`` falls between ``attachments`` and ``kind``, ``time`` before
``v``); data that is not exactly-typed plain JSON goes through ``Evidence.create``, which
converts it or names what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sai.ledger._frozen import NotPlainError, frozen_plain
from sai.ledger.canonical import plain_text
from sai.ledger.entry import Evidence
from sai.ledger.origin import Origin
from sai.ledger.prepared import format_time

_PROBE_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_DATA = ',"data":{},"kind":'


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

    def create(self, data: Mapping[str, Any], time: datetime | None = None) -> Evidence:
        """Evidence with these fields, ``data`` and ``time`` (default: now, UTC); as
        ``Evidence.create`` would make it (and raising what it raises for bad data or time)."""
        moment = datetime.now(UTC) if time is None else time
        try:
            if type(data) is not dict or type(moment) is not datetime or moment.tzinfo is not UTC:
                raise NotPlainError
            frozen = frozen_plain(data)
        except NotPlainError:
            probe = self._fields
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
        leaf = self._head + plain_text(data) + self._middle + stamp + "Z" + self._tail
        evidence: Evidence = Evidence.__new__(Evidence)
        evidence.__dict__.update(self._fields, time=moment, data=frozen, _leaf=leaf.encode())
        return evidence


__all__ = ["EntryTemplate"]
