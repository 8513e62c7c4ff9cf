"""security.txt as RFC 9116 reads it: written files parse back; bad files are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.documents.errors import DocumentsError
from sai.documents.security_txt import make_security_txt, parse_security_txt

NOW = dt.datetime(2026, 3, 3, 9, 30, tzinfo=dt.UTC)


def _made(days: int = 182) -> str:
    return make_security_txt(
        "mailto:security@example.com",
        now=NOW,
        days=days,
        policy="https://help.example.com/security/policy",
        languages=["en", "fr"],
        canonical="https://help.example.com/.well-known/security.txt",
    ).render()


class TestRoundTrip:
    def test_written_file_parses_back_with_every_field(self) -> None:
        parsed = parse_security_txt(_made(), now=NOW)
        assert parsed.contact == ("mailto:security@example.com",)
        assert parsed.expires == NOW + dt.timedelta(days=182)
        assert parsed.policy == ("https://help.example.com/security/policy",)
        assert parsed.languages == ("en", "fr")
        assert parsed.canonical == ("https://help.example.com/.well-known/security.txt",)

    def test_expires_is_rfc3339_utc_to_the_second(self) -> None:
        line = next(x for x in _made().splitlines() if x.startswith("Expires:"))
        assert line == "Expires: 2026-09-01T09:30:00Z"

    def test_comments_blank_lines_and_crlf_are_accepted(self) -> None:
        text = "# reports welcome\r\n\r\nContact: https://example.com/report\r\n"
        text += "Expires: 2027-01-01T00:00:00+01:00\r\n"
        assert parse_security_txt(text, now=NOW).contact == ("https://example.com/report",)


class TestRefused:
    @pytest.mark.parametrize("days", [0, 365, 400, -1])
    def test_expiry_must_be_under_a_year_ahead(self, days: int) -> None:
        with pytest.raises(DocumentsError, match="expire"):
            _made(days)

    def test_missing_contact_when_writing(self) -> None:
        with pytest.raises(DocumentsError, match="contact"):
            make_security_txt(
                "", now=NOW, days=10, policy="https://x.example/p", languages=[], canonical=None
            )

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("Expires: 2027-01-01T00:00:00Z\n", "Contact is required"),
            ("Contact: mailto:a@b.example\n", "Expires is required"),
            (
                "Contact: mailto:a@b.example\nExpires: 2027-01-01T00:00:00Z\n"
                "Expires: 2027-02-01T00:00:00Z\n",
                "more than once",
            ),
            ("Contact: mailto:a@b.example\nExpires: 1 January 2027\n", "RFC 3339"),
            ("Contact: mailto:a@b.example\nExpires: 2027-01-01\n", "RFC 3339"),
            ("Contact: a@b.example\nExpires: 2027-01-01T00:00:00Z\n", "must be a URI"),
            ("Contact: mailto:a@b.example\nExpires: 2026-01-01T00:00:00Z\n", "in the past"),
            ("Contact mailto:a@b.example\n", "not a `Field: value` line"),
            ("Contact:\nExpires: 2027-01-01T00:00:00Z\n", "has no value"),
        ],
    )
    def test_bad_files(self, text: str, message: str) -> None:
        with pytest.raises(DocumentsError, match=message):
            parse_security_txt(text, now=NOW)

    def test_oversized_file(self) -> None:
        with pytest.raises(DocumentsError, match="too large"):
            parse_security_txt("# x\n" * 10_000)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_or_is_refused_cleanly(text: str) -> None:
    try:
        parsed = parse_security_txt(text)
    except DocumentsError:
        return
    assert parsed.contact
    assert parsed.expires.tzinfo is not None
