"""Personal data with validation: e-mail, phone, IBAN (mod 97), payment card (Luhn), national ids.

A number is reported only when its checksum holds (cards, IBANs, Spanish DNI/NIE, Polish PESEL,
Dutch BSN, Swedish personal numbers) or, where no checksum exists, when its format is specific
(US SSN with its invalid ranges excluded). National ids with weak checksums need a keyword
nearby, so an order number that happens to pass the 11-test is not a BSN.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from sai.guards._checksums import (
    dutch_bsn_valid,
    iban_valid,
    luhn_valid,
    pesel_valid,
    spanish_id_valid,
)
from sai.guards.base import (
    Direction,
    Guard,
    GuardContext,
    GuardId,
    GuardResult,
    OnMatch,
    Span,
)

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}(?![\w-])"
)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9][0-9 ().\-]{6,18}[0-9](?!\w)"
    r"|(?<![\w])\(?0[0-9]{2,4}\)?[ .\-/][0-9]{3,4}[ .\-]?[0-9]{3,5}(?!\w)"
)
_IBAN = re.compile(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b")
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_SSN = re.compile(r"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b")
_ES_ID = re.compile(r"\b[XYZ]?\d{7,8}-?[A-Z]\b")
_SE_ID = re.compile(r"\b(?:19|20)?(\d{6})[-+]?(\d{4})\b")
_CONTEXT_IDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str], Callable[[str], bool]], ...] = (
    (
        "nl-bsn",
        re.compile(r"(?i)\b(?:bsn|burgerservicenummer|sofinummer)\b"),
        re.compile(r"\b\d{9}\b"),
        dutch_bsn_valid,
    ),
    ("pl-pesel", re.compile(r"(?i)\bpesel\b"), re.compile(r"\b\d{11}\b"), pesel_valid),
)
_CARD_PREFIX = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|6(?:011|5|4[4-9])|35|62)")
_NEAR = 60
#: Two digits anywhere in a text (read once, without backtracking: see `_SEVEN_DIGITS`):
#: every item but an e-mail holds at least that many (an IBAN two, the others seven).
_TWO_DIGITS = re.compile(r"(?:\D*+\d){2}")
#: What an IBAN's match begins with (two capitals, two digits), as a search that only tries
#: where a capital stands.
_IBAN_HEAD = re.compile(r"[A-Z][A-Z][0-9][0-9]")
#: Seven digits anywhere in a text, matched at its start: every item but an e-mail or an
#: IBAN holds at least that many (an es-id seven, a phone number eight by its count, the
#: others nine or more). Possessive, so each character is read once.
_SEVEN_DIGITS = re.compile(r"(?:\D*+\d){7}")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class PiiGuard(Guard):
    """Finds personal data and redacts it by default."""

    name: ClassVar[GuardId] = GuardId("pii")
    directions: ClassVar[frozenset[Direction]] = frozenset({Direction.input, Direction.output})
    default_action: ClassVar[OnMatch] = OnMatch.redact
    runs_light: ClassVar[bool] = True

    def find(self, text: str) -> list[Span]:
        """Every validated personal-data span."""
        emails = _EMAIL.finditer(text) if "@" in text else ()
        spans = [Span(m.start(), m.end(), "email") for m in emails]
        if not _TWO_DIGITS.match(text):
            return spans  # every other item holds two digits or more
        ibans = _IBAN.finditer(text) if _IBAN_HEAD.search(text) else ()
        spans += [Span(m.start(), m.end(), "iban") for m in ibans if iban_valid(m.group())]
        if not _SEVEN_DIGITS.match(text):  # no item but an IBAN holds fewer than 7 digits
            return sorted(spans, key=lambda s: s.start)
        for m in _CARD.finditer(text):
            digits = _digits(m.group())
            if 13 <= len(digits) <= 19 and _CARD_PREFIX.match(digits) and luhn_valid(digits):
                spans.append(Span(m.start(), m.end(), "payment-card"))
        spans += [Span(m.start(), m.end(), "us-ssn") for m in _SSN.finditer(text)]
        spans += [
            Span(m.start(), m.end(), "es-id")
            for m in _ES_ID.finditer(text)
            if spanish_id_valid(m.group())
        ]
        for m in _SE_ID.finditer(text):
            before = text[max(0, m.start() - _NEAR) : m.start()]
            if re.search(r"(?i)personnummer", before) and luhn_valid(m.group(1) + m.group(2)):
                spans.append(Span(m.start(), m.end(), "se-personnummer"))
        for label, keyword, shape, valid in _CONTEXT_IDS:
            for m in shape.finditer(text):
                if keyword.search(text[max(0, m.start() - _NEAR) : m.start()]) and valid(m.group()):
                    spans.append(Span(m.start(), m.end(), label))
        # An IBAN-shaped run with a wrong checksum is still not a phone number.
        taken = [(s.start, s.end) for s in spans] + [m.span() for m in _IBAN.finditer(text)]
        for m in _PHONE.finditer(text):
            count = len(_digits(m.group()))
            overlaps = any(a < m.end() and m.start() < b for a, b in taken)
            if 8 <= count <= 15 and not overlaps:
                spans.append(Span(m.start(), m.end(), "phone"))
        return sorted(spans, key=lambda s: s.start)

    def scan(self, text: str, context: GuardContext) -> GuardResult:
        """Flag and (by default) redact validated personal data."""
        spans = self.find(text)
        if not spans:
            return self.clean("no personal data found")
        labels = sorted({span.label for span in spans})
        return self.verdict(
            text, 1.0, spans, f"{len(spans)} personal-data item(s): {', '.join(labels)}"
        )


__all__ = ["PiiGuard"]
