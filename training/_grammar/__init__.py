"""A small grammar of planted instructions, for training only (written for sai, Apache-2.0).

Each family (one module each) combines an opening, an action and a closing, in several
languages, so the model sees thousands of phrasings instead of a few dozen sentences. The
hand-written templates of ``_plants`` that are reserved for evaluation are never produced
here; the ``tool`` family (held out) has no grammar at all.
"""

from __future__ import annotations

import random

from _grammar import exfiltration, hijack, links, misleading, persona
from _grammar.framing import ADDRESS, CLOSE

#: family -> language -> (openings, objects); ``tool`` (held out) has none.
ACTIONS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "hijack": hijack.ACTIONS,
    "misleading": misleading.ACTIONS,
    "exfiltration": exfiltration.ACTIONS,
    "links": links.ACTIONS,
    "persona": persona.ACTIONS,
}

WORDS = ("banana", "PWNED", "ACCESS GRANTED", "hello", "yes", "42")


def grammar_text(rng: random.Random, family: str, lang: str | None) -> tuple[str, str]:
    """One generated instruction of ``family`` (``lang`` when the grammar has it)."""
    table = ACTIONS[family]
    lang = (
        lang if lang in table and rng.random() < 0.8 else rng.choice(("en", "en", "de", "fr", "es"))
    )
    openings, objects = table[lang]
    from _plants import MAILS, PERSONAS, TOPICS, URLS

    body = f"{rng.choice(openings)} {rng.choice(objects)}".format(
        topic=rng.choice(TOPICS.get(lang, TOPICS["en"])),
        word=rng.choice(WORDS),
        lang=rng.choice(("French", "German", "Latin")),
        mail=rng.choice(MAILS),
        url=rng.choice(URLS),
        persona=rng.choice(PERSONAS),
    )
    address = rng.choice(ADDRESS[lang])
    if address and body[0].isupper() and not address.endswith(": ") and lang in ("en",):
        body = body[0].lower() + body[1:]
    return address + body + rng.choice(CLOSE[lang]), lang
