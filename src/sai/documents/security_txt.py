"""RFC 9116 security.txt: written at publication (its Expires counts from then) and parsed
back by the same rules, so tests and the check read what a client would.

Fields written: Contact, Expires (under a year ahead), Policy, Preferred-Languages, Canonical.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sai.documents.errors import DocumentsError

_ONCE = ("expires", "preferred-languages")
_URI = re.compile(r"^(https|mailto|tel):\S+$|^http://\S+$", re.IGNORECASE)
_EXPIRES = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_FIELD = re.compile(r"^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$")
MAX_BYTES = 32_768


@dataclass(frozen=True)
class SecurityTxt:
    """The fields of a security.txt file."""

    contact: tuple[str, ...]
    expires: dt.datetime
    policy: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    canonical: tuple[str, ...] = ()

    def render(self) -> str:
        """The file's text (LF line ends, UTF-8)."""
        lines = [f"Contact: {c}" for c in self.contact]
        lines.append(f"Expires: {format_expires(self.expires)}")
        lines += [f"Policy: {p}" for p in self.policy]
        if self.languages:
            lines.append(f"Preferred-Languages: {', '.join(self.languages)}")
        lines += [f"Canonical: {c}" for c in self.canonical]
        return "\n".join(lines) + "\n"


def format_expires(moment: dt.datetime) -> str:
    """An RFC 3339 UTC timestamp to the second (``2027-06-01T00:00:00Z``)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_security_txt(
    contact: str,
    *,
    now: dt.datetime,
    days: int,
    policy: str,
    languages: Sequence[str],
    canonical: str | None,
) -> SecurityTxt:
    """A security.txt expiring ``days`` from ``now`` (1 to 364: RFC 9116 asks under a year)."""
    if not contact:
        raise DocumentsError(
            "security.txt needs a contact", hint="set people.security_contact in sai.yaml"
        )
    if not 0 < days < 365:
        raise DocumentsError(
            f"security.txt would expire {days} days ahead",
            hint="set documents.security_txt_days between 1 and 364 (RFC 9116: under a year)",
        )
    expires = (now + dt.timedelta(days=days)).replace(microsecond=0)
    return SecurityTxt(
        contact=(contact,),
        expires=expires,
        policy=(policy,),
        languages=tuple(languages),
        canonical=(canonical,) if canonical else (),
    )


def _problem(line: int, message: str) -> DocumentsError:
    return DocumentsError(f"security.txt line {line}: {message}", hint="see RFC 9116, section 2")


def parse_security_txt(text: str, *, now: dt.datetime | None = None) -> SecurityTxt:
    """Parse ``text`` by RFC 9116's rules; with ``now``, an expired file is an error too."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise DocumentsError("security.txt is too large", hint="keep it under 32 KiB")
    fields: dict[str, list[str]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _FIELD.match(line)
        if match is None:
            raise _problem(number, f"not a `Field: value` line: {line[:60]!r}")
        name, value = match.group(1).lower(), match.group(2)
        if not value:
            raise _problem(number, f"{match.group(1)} has no value")
        if name in ("contact", "policy", "canonical") and not _URI.match(value):
            raise _problem(number, f"{match.group(1)} must be a URI, not {value[:60]!r}")
        fields.setdefault(name, []).append(value)
    for name in _ONCE:
        if len(fields.get(name, [])) > 1:
            raise _problem(0, f"{name} appears more than once")
    if not fields.get("contact"):
        raise _problem(0, "Contact is required")
    if not fields.get("expires"):
        raise _problem(0, "Expires is required")
    stamp = fields["expires"][0]
    if not _EXPIRES.match(stamp):
        raise _problem(0, f"Expires must be an RFC 3339 date-time, not {stamp[:40]!r}")
    expires = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if now is not None and expires <= now:
        raise _problem(0, f"Expires {stamp} is in the past")
    languages = fields.get("preferred-languages", [""])[0]
    return SecurityTxt(
        contact=tuple(fields["contact"]),
        expires=expires,
        policy=tuple(fields.get("policy", ())),
        languages=tuple(x.strip() for x in languages.split(",") if x.strip()),
        canonical=tuple(fields.get("canonical", ())),
    )


__all__ = ["SecurityTxt", "format_expires", "make_security_txt", "parse_security_txt"]
