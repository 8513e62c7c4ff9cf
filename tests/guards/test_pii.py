from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.guards import Action, GuardContext
from sai.guards._checksums import (
    dutch_bsn_valid,
    iban_valid,
    luhn_valid,
    pesel_valid,
    spanish_id_valid,
)
from sai.guards.pii import PiiGuard

CTX = GuardContext()


def labels(text: str) -> list[str]:
    return [span.label for span in PiiGuard().find(text)]


class TestChecksums:
    @pytest.mark.parametrize(
        "iban", ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "NL91ABNA0417164300"]
    )
    def test_valid_ibans(self, iban: str) -> None:
        assert iban_valid(iban)

    @pytest.mark.parametrize(
        "iban",
        ["DE89 3704 0044 0532 0130 01", "GB82WEST12345698765433", "NL91ABNA041716430", "XX00"],
    )
    def test_invalid_ibans(self, iban: str) -> None:
        assert not iban_valid(iban)

    def test_luhn(self) -> None:
        assert luhn_valid("4111111111111111")
        assert luhn_valid("5500005555555559")
        assert not luhn_valid("4111111111111112")
        assert not luhn_valid("41x1")

    def test_national_ids(self) -> None:
        assert spanish_id_valid("12345678Z")
        assert not spanish_id_valid("12345678A")
        assert spanish_id_valid("X1234567L")
        assert dutch_bsn_valid("111222333")
        assert not dutch_bsn_valid("111222334")
        assert pesel_valid("44051401359")
        assert not pesel_valid("44051401358")

    @given(st.text(max_size=40))
    def test_checksums_never_raise(self, text: str) -> None:
        for check in (iban_valid, luhn_valid, spanish_id_valid, dutch_bsn_valid, pesel_valid):
            assert check(text) in (True, False)


class TestPiiScanner:
    def test_email_and_phone(self) -> None:
        found = labels("Write to anna.schmidt@example.org or call +49 30 1234 5678.")
        assert found == ["email", "phone"]

    def test_valid_card_is_found_and_invalid_is_not(self) -> None:
        assert labels("card 4111 1111 1111 1111 exp 12/29") == ["payment-card"]
        assert labels("card 4111 1111 1111 1112 exp 12/29") == []

    def test_valid_iban_is_found_and_invalid_is_not(self) -> None:
        assert labels("Pay to DE89 3704 0044 0532 0130 00 please") == ["iban"]
        assert labels("Pay to DE89 3704 0044 0532 0130 01 please") == []

    def test_ids_need_their_checksum_and_context(self) -> None:
        assert labels("DNI 12345678Z") == ["es-id"]
        assert labels("DNI 12345678A") == []
        assert labels("mijn BSN is 111222333") == ["nl-bsn"]
        assert labels("order number 111222333") == []
        assert labels("SSN 123-45-6789") == ["us-ssn"]
        assert labels("SSN 000-45-6789") == []

    def test_ordinary_numbers_are_not_pii(self) -> None:
        text = "The invoice 2024-0113 totals 1,234.56 EUR for 42 items; version 3.11.4."
        result = PiiGuard().scan(text, CTX)
        assert result.action is Action.allow

    def test_redacts_by_default(self) -> None:
        result = PiiGuard().scan("mail me: bob@example.com", CTX)
        assert result.action is Action.redact
        assert result.redacted == "mail me: [REDACTED:email]"
