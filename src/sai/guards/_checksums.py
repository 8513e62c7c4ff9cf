"""Checksums that tell a real identifier from a look-alike number, and Shannon entropy."""

from __future__ import annotations

import math
from collections import Counter

#: IBAN length by country (the common ones; other countries are checked by mod-97 alone).
IBAN_LENGTHS = {
    "AD": 24,
    "AT": 20,
    "BE": 16,
    "BG": 22,
    "CH": 21,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "EE": 20,
    "ES": 24,
    "FI": 18,
    "FR": 27,
    "GB": 22,
    "GR": 27,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IS": 26,
    "IT": 27,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MC": 27,
    "MT": 31,
    "NL": 18,
    "NO": 15,
    "PL": 28,
    "PT": 25,
    "RO": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "TR": 26,
}


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by payment cards and Swedish personal numbers."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iban_valid(candidate: str) -> bool:
    """ISO 13616: country length (where known) and the mod-97 check equals 1."""
    iban = candidate.replace(" ", "").upper()
    if len(iban) < 15 or len(iban) > 34 or not iban.isalnum() or not iban[:2].isalpha():
        return False
    if not iban[2:4].isdigit() or IBAN_LENGTHS.get(iban[:2], len(iban)) != len(iban):
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def spanish_id_valid(candidate: str) -> bool:
    """Spanish DNI / NIE: the letter is the number mod 23 in a fixed table."""
    value = candidate.upper().replace("-", "")
    prefix = {"X": "0", "Y": "1", "Z": "2"}
    if value[:1] in prefix:
        value = prefix[value[0]] + value[1:]
    if len(value) != 9 or not value[:8].isdigit():
        return False
    return "TRWAGMYFPDXBNJZSQVHLCKE"[int(value[:8]) % 23] == value[8]


def dutch_bsn_valid(digits: str) -> bool:
    """Dutch citizen service number: the 11-test."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0 and digits != "000000000"


def pesel_valid(digits: str) -> bool:
    """Polish PESEL: weighted sum mod 10."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    total = sum(int(d) * w for d, w in zip(digits[:10], weights, strict=True))
    return (10 - total % 10) % 10 == int(digits[10])


def shannon_entropy(text: str) -> float:
    """Bits per character of ``text``'s character distribution."""
    if not text:
        return 0.0
    counts = Counter(text)
    size = len(text)
    return -sum(n / size * math.log2(n / size) for n in counts.values())
