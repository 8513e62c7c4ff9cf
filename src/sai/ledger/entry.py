"""Evidence entries: what a control proves, and the exact bytes the ledger hashes for it.

An :class:`Evidence` is immutable and validated on construction; ``leaf_bytes()`` is its
canonical JSON (docs/ledger-format.md), and ``from_leaf_bytes`` is its strict inverse, so
stored bytes and the value a check reads can never drift apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, NewType

from sai.ledger._frozen import NotPlainError, frozen_plain
from sai.ledger.canonical import MAX_SAFE_INTEGER, encode_plain, parse_canonical, plain_json
from sai.ledger.errors import CanonicalJsonError, EvidenceError
from sai.ledger.origin import Origin, OriginType
from sai.ledger.prepared import LEAF_VERSION, PreparedEntry, format_time

EntryIndex = NewType("EntryIndex", int)

_KIND = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*", re.ASCII)
_PROVISION = re.compile(r"5\.[1-5]\.[1-9]-(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))?", re.ASCII)
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}", re.ASCII)
_MT_NAME = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
_MEDIA_TYPE = re.compile(
    rf"{_MT_NAME}/{_MT_NAME}(?: ?; ?{_MT_NAME}=[\x21-\x3a\x3c-\x7e]+)*", re.ASCII
)
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LEAF_KEYS_V1 = frozenset(
    {"v", "kind", "subject", "provisions", "actor", "time", "data", "attachments"}
)
_LEAF_KEYS = _LEAF_KEYS_V1 | {"origin"}
_ATTACHMENT_KEYS = frozenset({"name", "digest", "size", "media_type"})


@functools.lru_cache(maxsize=1024)  # the same few dozen ids, on every entry made
def provision_sort_key(provision: str) -> tuple[int, ...]:
    """Order provision ids numerically, so 5.2.4-2 comes before 5.2.4-10."""
    return tuple(int(part) for part in re.split(r"[.-]", provision))


def parse_time(text: str) -> datetime:
    """Inverse of :func:`format_time`; refuses any other spelling."""
    if not _TIME.fullmatch(text):
        raise EvidenceError("time", f"{text!r} is not of the form YYYY-MM-DDTHH:MM:SS.ffffffZ")
    try:
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    except ValueError as exc:
        raise EvidenceError("time", f"{text!r} is not a valid date and time: {exc}") from None


def _text(name: str, value: object, limit: int) -> None:
    if not isinstance(value, str):
        raise EvidenceError(name, f"must be a string, not {type(value).__name__}")
    if not value or len(value) > limit:
        raise EvidenceError(name, f"must be 1 to {limit} characters long (got {len(value)})")
    if _CONTROL.search(value):
        raise EvidenceError(name, "must not contain control characters")


def _freeze(value: Any) -> Any:
    """A read-only deep copy of parsed JSON: objects become mapping proxies, arrays tuples."""
    kind = type(value)  # `plain_json` output: exact dicts and lists
    if kind is dict:
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if kind is list:
        return tuple([_freeze(item) for item in value])
    return value


@dataclass(frozen=True)
class Attachment:
    """A file that belongs to the evidence, referenced by digest (the bytes live elsewhere)."""

    name: str
    digest: str
    size: int
    media_type: str = "application/octet-stream"

    def __post_init__(self) -> None:
        _text("attachments.name", self.name, 1024)
        if not isinstance(self.digest, str) or not _DIGEST.fullmatch(self.digest):
            raise EvidenceError(
                "attachments.digest",
                f"{self.digest!r} is not 'sha256:' followed by 64 lower-case hex digits",
            )
        if type(self.size) is not int or not 0 <= self.size <= MAX_SAFE_INTEGER:
            raise EvidenceError("attachments.size", f"{self.size!r} is not a byte count")
        if not isinstance(self.media_type, str) or not _MEDIA_TYPE.fullmatch(self.media_type):
            raise EvidenceError(
                "attachments.media_type", f"{self.media_type!r} is not a media type like text/plain"
            )

    def to_json(self) -> dict[str, Any]:
        """The attachment as the JSON object inside a leaf."""
        return {
            "name": self.name,
            "digest": self.digest,
            "size": self.size,
            "media_type": self.media_type,
        }


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
            frozen = _freeze(plain)
        # The other fields are validated here; ``data`` already was, so it goes in as it is.
        leaf = plain_json({**self._leaf_object(), "data": {}})
        leaf["data"] = plain
        object.__setattr__(self, "_leaf", encode_plain(leaf))
        object.__setattr__(self, "data", frozen)

    def _check_fields(self) -> None:
        """Validate (and normalise) every field but ``data``."""
        if not isinstance(self.kind, str) or len(self.kind) > 64 or not _KIND.fullmatch(self.kind):
            raise EvidenceError(
                "kind",
                f"{self.kind!r} must be dotted lower-case words of at most 64 characters",
                hint="e.g. 'asset.signed' or 'scan.result'",
            )
        if type(self.kind) is not str:  # a Kind member: store its plain value
            object.__setattr__(self, "kind", str(self.kind))
        _text("subject", self.subject, 512)
        _text("actor", self.actor, 256)
        if not isinstance(self.origin, Origin):
            raise EvidenceError("origin", f"must be an Origin, not {type(self.origin).__name__}")
        self._check_provisions()
        self._check_time()
        self._check_attachments()

    def _check_provisions(self) -> None:
        provisions = self.provisions
        if isinstance(provisions, str) or not isinstance(provisions, tuple | list):
            raise EvidenceError("provisions", "must be a tuple of provision ids")
        for provision in provisions:
            if not isinstance(provision, str) or not _PROVISION.fullmatch(provision):
                raise EvidenceError(
                    "provisions", f"{provision!r} is not an EN 304 223 provision id like 5.2.4-1"
                )
        ordered = sorted(set(provisions), key=provision_sort_key)
        if list(provisions) != ordered:
            raise EvidenceError(
                "provisions",
                "must be sorted and free of duplicates",
                hint="use Evidence.create, which sorts and de-duplicates them",
            )
        object.__setattr__(self, "provisions", tuple(provisions))

    def _check_time(self) -> None:
        moment = self.time
        if not isinstance(moment, datetime):
            raise EvidenceError("time", f"must be a datetime, not {type(moment).__name__}")
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise EvidenceError("time", "must be timezone-aware", hint="use datetime.now(UTC)")
        object.__setattr__(self, "time", moment.astimezone(UTC))

    def _check_attachments(self) -> None:
        attachments = self.attachments
        if not isinstance(attachments, tuple | list):
            raise EvidenceError("attachments", "must be a tuple of Attachment")
        for item in attachments:
            if not isinstance(item, Attachment):
                raise EvidenceError("attachments", f"{item!r} is not an Attachment")
        names = [item.name for item in attachments]
        if len(set(names)) != len(names):
            raise EvidenceError("attachments", "two attachments have the same name")
        object.__setattr__(self, "attachments", tuple(attachments))

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
        if all(isinstance(p, str) and _PROVISION.fullmatch(p) for p in ids):
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
        for name, item in (
            ("kind", value["kind"]),
            ("subject", value["subject"]),
            ("provisions", tuple(value["provisions"])),
            ("actor", value["actor"]),
            ("time", parse_time(value["time"])),
            ("data", _freeze(value["data"])),
            ("attachments", tuple(_attachment_from_json(item) for item in raw_attachments)),
            ("origin", origin),
            ("_leaf", bytes(data)),
        ):
            object.__setattr__(evidence, name, item)
        evidence._check_fields()
        return evidence


def _attachment_from_json(value: object) -> Attachment:
    if not isinstance(value, dict) or set(value) != _ATTACHMENT_KEYS:
        raise EvidenceError(
            "attachments", f"each attachment must be an object with keys {sorted(_ATTACHMENT_KEYS)}"
        )
    return Attachment(
        name=value["name"],
        digest=value["digest"],
        size=value["size"],
        media_type=value["media_type"],
    )


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
