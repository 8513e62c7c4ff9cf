"""Reading HTML form posts: ``application/x-www-form-urlencoded`` bodies, strictly.

The console only ever posts small forms, so a body is refused (400) when it is larger than
``MAX_BODY`` bytes, has more than ``MAX_FIELDS`` fields, repeats a field, is not UTF-8, or
carries a field the form does not have.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import parse_qsl

MAX_BODY = 64 * 1024
MAX_FIELDS = 16
FORM_TYPE = "application/x-www-form-urlencoded"


class FormError(ValueError):
    """A form body the console will not read; the message says why."""


def parse_form(body: bytes, content_type: str | None, fields: Collection[str]) -> dict[str, str]:
    """The fields of an urlencoded form body (missing fields are absent, not empty)."""
    if (content_type or "").split(";")[0].strip().lower() != FORM_TYPE:
        raise FormError(f"the form must be sent as {FORM_TYPE}")
    if len(body) > MAX_BODY:
        raise FormError(f"the form is larger than {MAX_BODY} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError("the form is not UTF-8") from None
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except (ValueError, UnicodeDecodeError):
        raise FormError(f"the form is malformed or has more than {MAX_FIELDS} fields") from None
    out: dict[str, str] = {}
    for name, value in pairs:
        if name not in fields:
            raise FormError(f"unexpected field {name[:40]!r}")
        if name in out:
            raise FormError(f"field {name!r} is repeated")
        out[name] = value
    return out


__all__ = ["FORM_TYPE", "MAX_BODY", "MAX_FIELDS", "FormError", "parse_form"]
