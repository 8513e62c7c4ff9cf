"""Evidence entries: what a control proves, and the exact bytes the ledger hashes for it.

An :class:`Evidence` is immutable and validated on construction; ``leaf_bytes()`` is its
canonical JSON (docs/ledger-format.md), and ``from_leaf_bytes`` is its strict inverse, so
stored bytes and the value a check reads can never drift apart. Each field's own checks
(and ``Attachment``) are in :mod:`sai.ledger._entryfields` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NewType

from sai.ledger._entryfields import (
    KIND,
    PROVISION,
    Attachment,
    attachment_from_json,
    check_attachments,
    check_provisions,
    check_text,
    check_time,
    freeze,
    parse_time,
    provision_sort_key,
)
from sai.ledger._frozen import NotPlainError, frozen_plain
from sai.ledger.canonical import encode_plain, parse_canonical, plain_json
from sai.ledger.errors import CanonicalJsonError, EvidenceError
from sai.ledger.origin import Origin, OriginType
from sai.ledger.prepared import LEAF_VERSION, PreparedEntry, format_time

EntryIndex = NewType("EntryIndex", int)

_LEAF_KEYS_V1 = frozenset(
    {"v", "kind", "subject", "provisions", "actor", "time", "data", "attachments"}
)
_LEAF_KEYS = _LEAF_KEYS_V1 | {"origin"}
_freeze = freeze  # its name here before the field checks moved to _entryfields


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: what happened, about what, for which provisions, by whom, when.

    ``provisions`` must be sorted (numerically, see :func:`provision_sort_key`) and unique;
    :meth:`create` does that for you. ``data`` is stored as a read-only deep copy (objects as
    mapping proxies, arrays as tuples), so nobody can change evidence after it was made.
    """

    kind: str
    subject: str
    provisions: tuple[str, ...]
    actor: str
    time: datetime
    data: Mapping[str, Any] = field(hash=False)
    attachments: tuple[Attachment, ...] = ()
    origin: Origin = field(default_factory=lambda: Origin.person("unknown"))
    _leaf: bytes = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        self._check_fields()
        if not isinstance(self.data, Mapping):
            raise EvidenceError("data", f"must be a JSON object, not {type(self.data).__name__}")
        plain: Any = self.data
        try:  # exactly-typed data: validated and frozen in one pass, encoded as it is
            frozen = frozen_plain(plain)
        except NotPlainError:
            try:
                plain = plain_json(self.data)
            except CanonicalJsonError as exc:
                raise EvidenceError(
                    "data", exc.message.replace("$", "data", 1), hint=exc.hint
                ) from None
            frozen = freeze(plain)
        # The other fields are validated here; ``data`` already was, so it goes in as it is.
        leaf = plain_json({**self._leaf_object(), "data": {}})
        leaf["data"] = plain
        object.__setattr__(self, "_leaf", encode_plain(leaf))
        object.__setattr__(self, "data", frozen)

    def _check_fields(self) -> None:
        """Validate (and normalise) every field but ``data``."""
        if not isinstance(self.kind, str) or len(self.kind) > 64 or not KIND.fullmatch(self.kind):
            raise EvidenceError(
                "kind",
                f"{self.kind!r} must be dotted lower-case words of at most 64 characters",
                hint="e.g. 'asset.signed' or 'scan.result'",
            )
        if type(self.kind) is not str:  # a Kind member: store its plain value
            object.__setattr__(self, "kind", str(self.kind))
        check_text("subject", self.subject, 512)
        check_text("actor", self.actor, 256)
        if not isinstance(self.origin, Origin):
            raise EvidenceError("origin", f"must be an Origin, not {type(self.origin).__name__}")
        object.__setattr__(self, "provisions", check_provisions(self.provisions))
        object.__setattr__(self, "time", check_time(self.time))
        object.__setattr__(self, "attachments", check_attachments(self.attachments))

    def _leaf_object(self) -> dict[str, Any]:
        return {
            "v": LEAF_VERSION,
            "origin": self.origin.to_json(),
            "kind": self.kind,
            "subject": self.subject,
            "provisions": list(self.provisions),
            "actor": self.actor,
            "time": format_time(self.time),
            "data": self.data,
            "attachments": [item.to_json() for item in self.attachments],
        }

    @classmethod
    def create(
        cls,
        kind: str,
        subject: str,
        *,
        provisions: Iterable[str] = (),
        actor: str,
        origin: Origin,
        data: Mapping[str, Any] | None = None,
        attachments: Iterable[Attachment] = (),
        time: datetime | None = None,
    ) -> Evidence:
        """Make evidence: ``time`` defaults to now (UTC); provisions are sorted and deduplicated.

        ``origin`` says who produced it: ``Origin.control(NAME)`` for a sai control,
        ``Origin.person(NAME)`` for a person's statement.
        """
        if isinstance(provisions, str):
            raise EvidenceError("provisions", "must be a collection of ids, not one string")
        ids = tuple(provisions)
        if all(isinstance(p, str) and PROVISION.fullmatch(p) for p in ids):
            ids = tuple(sorted(set(ids), key=provision_sort_key))
        return cls(
            kind=kind,
            subject=subject,
            provisions=ids,
            actor=actor,
            time=datetime.now(UTC) if time is None else time,
            data={} if data is None else data,
            attachments=tuple(attachments),
            origin=origin,
        )

    def leaf_bytes(self) -> bytes:
        """The canonical JSON the ledger stores and hashes for this evidence."""
        return self._leaf

    def prepared(self) -> PreparedEntry:
        """This evidence as the ledger's writers append it."""
        return PreparedEntry(self._leaf, self.kind, self.subject, self.time, self.provisions)

    @classmethod
    def from_leaf_bytes(cls, data: bytes) -> Evidence:
        """Rebuild evidence from leaf bytes, refusing anything ``leaf_bytes`` would not produce."""
        value = parse_canonical(data)
        if not isinstance(value, dict):
            raise EvidenceError("leaf", "must be a JSON object")
        version = value.get("v")
        if type(version) is not int or version not in (1, LEAF_VERSION):
            raise EvidenceError("v", f"unsupported leaf version {version!r}")
        expected = _LEAF_KEYS if version == LEAF_VERSION else _LEAF_KEYS_V1
        if set(value) != expected:
            missing = sorted(expected - set(value))
            extra = sorted(set(value) - expected)
            raise EvidenceError("leaf", f"missing fields {missing}, unknown fields {extra}")
        if not isinstance(value["actor"], str):
            raise EvidenceError("actor", "must be a string")
        # A version-1 leaf predates origins: it reads as its actor's statement.
        origin = (
            Origin.from_json(value["origin"])
            if version == LEAF_VERSION
            else Origin(OriginType.PERSON, value["actor"] or "unknown")
        )
        if not isinstance(value["time"], str):
            raise EvidenceError("time", "must be a string")
        raw_attachments = value["attachments"]
        if not isinstance(raw_attachments, list):
            raise EvidenceError("attachments", "must be an array")
        if not isinstance(value["provisions"], list):
            raise EvidenceError("provisions", "must be an array")
        # The bytes are canonical (parse_canonical), so ``data`` is valid as parsed and the
        # leaf re-encodes to exactly these bytes once the other fields pass their checks
        # (time has one spelling, provisions one order): no second encoding is needed.
        if not isinstance(value["data"], dict):
            raise EvidenceError("data", "must be a JSON object")
        evidence = cls.__new__(cls)
        evidence.__dict__.update(  # at once, not an ``object.__setattr__`` call per field
            kind=value["kind"],
            subject=value["subject"],
            provisions=tuple(value["provisions"]),
            actor=value["actor"],
            time=parse_time(value["time"]),
            data=freeze(value["data"]),
            attachments=tuple(attachment_from_json(item) for item in raw_attachments),
            origin=origin,
            _leaf=bytes(data),
        )
        evidence._check_fields()
        return evidence


@dataclass(frozen=True)
class Entry:
    """Evidence as stored in the ledger: its position and its leaf hash."""

    index: int
    evidence: Evidence
    leaf_hash: bytes


@dataclass(frozen=True)
class EntryRef:
    """A pointer to a stored entry, enough to ask for or check its inclusion proof."""

    index: int
    leaf_hash: bytes


__all__ = [
    "LEAF_VERSION",
    "Attachment",
    "Entry",
    "EntryIndex",
    "EntryRef",
    "Evidence",
    "format_time",
    "parse_time",
    "provision_sort_key",
]
