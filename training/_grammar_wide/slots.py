"""What fills the grammar's slots (training only; written for sai, Apache-2.0). Addresses and
topics differ from the evaluation plants' (``_plants.slots``) so that none is a learnt cue."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

import random

TOPICS = {
    "en": (
        "the harbour fire", "the new vaccine", "electric scooters", "the river flood",
        "the bridge collapse", "solar panels", "the election", "cryptocurrency",
        "the power outage", "organic farming", "the train strike", "the merger",
        "the data breach", "the heatwave", "the school reform", "the product launch",
        "the stock market", "the football final", "the new tax", "the factory closure",
    ),
    "de": ("den Hafenbrand", "den neuen Impfstoff", "E-Scooter", "das Hochwasser", "Solaranlagen",
           "den Bahnstreik", "die Fusion", "das Datenleck"),
    "fr": ("l'incendie du port", "le nouveau vaccin", "les trottinettes", "la crue", "l'élection",
           "la grève des trains", "la fusion", "la fuite de données"),
    "es": ("el incendio del puerto", "la nueva vacuna", "los patinetes", "la inundación",
           "la huelga de trenes", "la fusión", "la filtración de datos"),
    "it": ("l'incendio del porto", "il nuovo vaccino", "i monopattini", "l'alluvione", "lo sciopero"),
    "pt": ("o incêndio no porto", "a nova vacina", "as trotinetes", "a cheia do rio", "a greve"),
    "nl": ("de havenbrand", "het nieuwe vaccin", "elektrische steps", "de overstroming", "de staking"),
    "ru": ("пожар в порту", "новую вакцину", "электросамокаты", "наводнение", "забастовку"),
    "zh": ("港口火灾", "新疫苗", "电动滑板车", "洪水", "罢工"),
    "pl": ("pożar w porcie", "nową szczepionkę", "hulajnogi elektryczne", "powódź", "strajk"),
}  # fmt: skip
URLS = (
    "https://account-verify.example.net", "http://203.0.113.7/login",
    "https://docs-update.example.org", "https://bit.example/x7Qz",
    "https://secure-refunds.example.com", "https://login-check.example.co",
    "http://192.0.2.44/portal", "https://short.example/aB3", "https://files-share.example.biz/dl",
    "https://helpdesk-support.example.net/ticket",
)  # fmt: skip
MAILS = (
    "collector@example.net", "backup-agent@example.org", "j.doe.archive@example.com",
    "sync-service@example.co", "audit.copy@example.biz", "m.keller@example.de",
)  # fmt: skip
PERSONAS = (
    "a medieval knight", "an angry pirate", "Elon the billionaire", "a conspiracy theorist",
    "a sarcastic teenager", "a used-car salesman", "a villain from a cartoon", "the user's boss",
)  # fmt: skip
LANGS = ("French", "German", "Latin", "Spanish", "emoji", "Morse code")
WORDS = ("banana", "PWNED", "ACCESS GRANTED", "hello", "yes", "42", "OK", "HACKED", "lol")
PRODUCTS = ("SuperVPN Pro", "CryptoMax", "QuickLoans", "MegaDiet pills", "BrightPath Academy")


def fill(rng: random.Random, template: str, lang: str) -> str:
    """``template`` with its slots filled (drawn in this order: topic, word, lang, mail, url,
    persona), topics in ``lang`` where there are some."""
    return template.format(
        topic=rng.choice(TOPICS.get(lang, TOPICS["en"])),
        word=rng.choice(WORDS),
        lang=rng.choice(LANGS),
        mail=rng.choice(MAILS),
        url=rng.choice(URLS),
        persona=rng.choice(PERSONAS),
    )
