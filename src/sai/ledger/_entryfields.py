"""The fields of an evidence entry, checked one at a time: kind and provision ids, texts,
times, attachments; and the read-only copy of its ``data``. :mod:`sai.ledger.entry` builds
:class:`~sai.ledger.entry.Evidence` from them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from sai.ledger.canonical import MAX_SAFE_INTEGER
from sai.ledger.errors import EvidenceError

KIND = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*", re.ASCII)
PROVISION = re.compile(r"5\.[1-5]\.[1-9]-(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))?", re.ASCII)
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}", re.ASCII)
_MT_NAME = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
_MEDIA_TYPE = re.compile(
    rf"{_MT_NAME}/{_MT_NAME}(?: ?; ?{_MT_NAME}=[\x21-\x3a\x3c-\x7e]+)*", re.ASCII
)
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
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


def check_text(name: str, value: object, limit: int) -> None:
    """Refuse a non-string, an empty or over-long one, or one with control characters."""
    if not isinstance(value, str):
        raise EvidenceError(name, f"must be a string, not {type(value).__name__}")
    if not value or len(value) > limit:
        raise EvidenceError(name, f"must be 1 to {limit} characters long (got {len(value)})")
    if _CONTROL.search(value):
        raise EvidenceError(name, "must not contain control characters")


def freeze(value: Any) -> Any:
    """A read-only deep copy of parsed JSON: objects become mapping proxies, arrays tuples."""
    kind = type(value)  # `plain_json` output: exact dicts and lists
    if kind is dict:  # scalars are kept as they are without a call each
        return MappingProxyType(
            {key: freeze(item) if type(item) in _NESTED else item for key, item in value.items()}
        )
    if kind is list:
        return tuple([freeze(item) if type(item) in _NESTED else item for item in value])
    return value


#: The types `freeze` copies (anything else it returns as it is).
_NESTED = frozenset({dict, list})


@dataclass(frozen=True)
class Attachment:
    """A file that belongs to the evidence, referenced by digest (the bytes live elsewhere)."""

    name: str
    digest: str
    size: int
    media_type: str = "application/octet-stream"

    def __post_init__(self) -> None:
        check_text("attachments.name", self.name, 1024)
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


def check_provisions(provisions: object) -> tuple[str, ...]:
    """The provision ids as a tuple; refused unless valid, sorted and free of duplicates."""
    if isinstance(provisions, str) or not isinstance(provisions, tuple | list):
        raise EvidenceError("provisions", "must be a tuple of provision ids")
    for provision in provisions:
        if not isinstance(provision, str) or not PROVISION.fullmatch(provision):
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
    return tuple(provisions)


def check_time(moment: object) -> datetime:
    """The time in UTC; refused unless a timezone-aware datetime."""
    if not isinstance(moment, datetime):
        raise EvidenceError("time", f"must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise EvidenceError("time", "must be timezone-aware", hint="use datetime.now(UTC)")
    return moment.astimezone(UTC)


def check_attachments(attachments: object) -> tuple[Attachment, ...]:
    """The attachments as a tuple; refused unless all Attachments with distinct names."""
    if not isinstance(attachments, tuple | list):
        raise EvidenceError("attachments", "must be a tuple of Attachment")
    for item in attachments:
        if not isinstance(item, Attachment):
            raise EvidenceError("attachments", f"{item!r} is not an Attachment")
    names = [item.name for item in attachments]
    if len(set(names)) != len(names):
        raise EvidenceError("attachments", "two attachments have the same name")
    return tuple(attachments)


def attachment_from_json(value: object) -> Attachment:
    """An attachment from its JSON object in a leaf, refusing other keys."""
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
