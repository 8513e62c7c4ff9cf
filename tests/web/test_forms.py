"""Form bodies: strict parsing of urlencoded posts, bad input refused with FormError only."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.web.forms import FORM_TYPE, MAX_BODY, MAX_FIELDS, FormError, parse_form

FIELDS = {"csrf", "reason", "action"}


def test_reads_fields() -> None:
    body = urlencode({"csrf": "t", "reason": "a & b = c", "action": "approve"}).encode()
    assert parse_form(body, FORM_TYPE + "; charset=utf-8", FIELDS) == {
        "csrf": "t",
        "reason": "a & b = c",
        "action": "approve",
    }


def test_blank_values_are_kept() -> None:
    assert parse_form(b"reason=", FORM_TYPE, FIELDS) == {"reason": ""}


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"csrf=a", "application/json", "must be sent as"),
        (b"csrf=a", None, "must be sent as"),
        (b"csrf=a&csrf=b", FORM_TYPE, "repeated"),
        (b"other=1", FORM_TYPE, "unexpected field"),
        (b"csrf=%ff", FORM_TYPE, "malformed"),
        (b"\xff\xfe", FORM_TYPE, "not UTF-8"),
        (b"reason=" + b"x" * MAX_BODY, FORM_TYPE, "larger than"),
        ("&".join(f"csrf{i}=1" for i in range(MAX_FIELDS + 1)).encode(), FORM_TYPE, "fields"),
    ],
)
def test_bad_bodies(body: bytes, content_type: str | None, message: str) -> None:
    with pytest.raises(FormError, match=message):
        parse_form(body, content_type, FIELDS)


@given(st.binary(max_size=300))
def test_any_bytes_parse_or_raise_form_error(body: bytes) -> None:
    try:
        parsed = parse_form(body, FORM_TYPE, FIELDS)
    except FormError:
        return
    assert set(parsed) <= FIELDS


@given(st.dictionaries(st.sampled_from(sorted(FIELDS)), st.text(max_size=50)))
def test_round_trip(values: dict[str, str]) -> None:
    assert parse_form(urlencode(values).encode(), FORM_TYPE, FIELDS) == values
