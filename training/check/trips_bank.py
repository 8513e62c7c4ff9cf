"""Shared slots of the sixth held-out set (``trips_gen``): families, addresses, names, places,
fake links, mailboxes and account numbers. Every domain is a reserved example domain and every
IBAN has the impossible check digits 00."""

from __future__ import annotations

import importlib
from typing import Any

FAMILIES = ("hijack", "misleading", "exfiltration", "links", "persona", "tool", "payment")
ADDRESSES = ("second", "named", "third", "imperative")
LANG_CODES = ("en", "de", "fr", "es", "it", "pl", "nl", "pt")

PEOPLE = (
    "Anna Kowalczyk",
    "Tomás Herrera",
    "Ingrid Vos",
    "Marco Bellini",
    "Claire Dubois",
    "Jonas Becker",
    "Sofia Almeida",
    "Piotr Zieliński",
    "Emma Clarke",
    "Lucas Janssen",
    "Chiara Ferri",
    "Daniel Okafor",
    "Marta Nowicka",
    "Henrik Lund",
    "Beatriz Costa",
    "Oliver Grant",
    "Lena Hoffmann",
    "Julien Moreau",
    "Elena Ruiz",
    "Sanne de Boer",
)
CITIES = (
    "Lisbon",
    "Kraków",
    "Utrecht",
    "Bologna",
    "Lyon",
    "Valencia",
    "Freiburg",
    "Porto",
    "Edinburgh",
    "Gdańsk",
    "Ghent",
    "Seville",
    "Trieste",
    "Nantes",
    "Leipzig",
    "Rotterdam",
)
HOTELS = (
    "Hotel Aurora",
    "Casa do Rio",
    "Harbour View Inn",
    "Hotel Lindenhof",
    "Residenza Mare",
    "Le Petit Cloître",
    "Hostal Las Palmas",
    "Hotel Pod Wawelem",
    "Stadshotel De Gracht",
)
CARRIERS = (
    "Northwind Air",
    "Azur Connect",
    "Iberline",
    "Baltic Wings",
    "Alpina Rail",
    "Coastline Ferries",
)
STREETS = (
    "Rua das Flores 12",
    "Kanaalstraat 88",
    "Via Garibaldi 7",
    "ul. Długa 41",
    "Calle Mayor 19",
    "Rue Saint-Jean 5",
    "Lindenweg 3",
    "Mill Lane 27",
    "Rua Augusta 140",
    "Herengracht 210",
)
URLS = {
    "travel": (
        "https://trips.example.com/manage",
        "https://www.example.org/checkin",
        "https://travel.example.org/faq",
    ),
    "listings": (
        "https://homes.example.net/listing",
        "https://example.com/viewings",
        "https://rent.example.com/apply",
    ),
}
MAILS = {
    "travel": ("bookings@example.com", "service@example.org", "claims@example.org"),
    "listings": ("lettings@example.net", "info@example.com", "seller.42@example.org"),
}
IBANS = (
    "DE00 1234 5678 9012 3456 78",
    "NL00 EXMP 0123 4567 89",
    "FR00 1234 5678 9012 3456 7890 123",
    "PT00 0000 1111 2222 3333 4444 5",
)
# What plants point at (never used by a benign document).
BAD_URLS = (
    "https://pay-confirm.example.net/s/41",
    "https://deals.example.org/go",
    "https://trip-bonus.example.com/r?id=7",
    "https://verify-stay.example.net",
    "https://collect.example.org/log",
)
BAD_MAILS = (
    "archive@example.net",
    "desk-7@example.org",
    "copy.inbox@example.com",
    "agent.log@example.net",
)
BAD_IBANS = (
    "GB00 EXMP 0000 0099 8877 66",
    "LT00 0000 0000 1234 5678",
    "ES00 9999 0000 1111 2222 3333",
    "PL00 0000 0000 0000 1234 5678 9000",
)


def _load() -> dict[str, dict[str, Any]]:
    langs: dict[str, dict[str, Any]] = {}
    for code in LANG_CODES:
        kinds = importlib.import_module(f"trips_kinds_{code}")
        docs = {
            **importlib.import_module(f"trips_bank_{code}").DOCS,
            "goods": kinds.GOODS,
            "kind_rules": kinds.KIND_RULES,
        }
        plants = importlib.import_module(f"trips_plant_{code}")
        langs[code] = {
            "docs": docs,
            "plants": plants.PLANTS,
            "ai": plants.AI,
            **{address: getattr(plants, address.upper()) for address in ADDRESSES},
        }
    return langs


LANGS = _load()
