"""A small grammar of planted instructions, for training only (written for sai, Apache-2.0).

Each family (one module each) combines an opening, an action and a closing, in ten languages,
so the model sees thousands of phrasings instead of a few dozen sentences. The hand-written
templates of ``_plants`` that are reserved for evaluation are never produced here; the ``tool``
family (held out) has no grammar at all; ``refusal`` and ``promotion`` exist only here. Slots
are filled from ``slots.py``, whose addresses differ from the evaluation plants'.
"""

from __future__ import annotations

import random

from _grammar_wide import (
    exfiltration,
    hijack,
    links,
    misleading,
    persona,
    promotion,
    refusal,
    slots,
)
from _grammar_wide.framing import ADDRESS, CLOSE

#: family -> language -> (openings, objects); ``tool`` (held out) has none.
ACTIONS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "hijack": hijack.ACTIONS,
    "misleading": misleading.ACTIONS,
    "exfiltration": exfiltration.ACTIONS,
    "links": links.ACTIONS,
    "persona": persona.ACTIONS,
    "refusal": refusal.ACTIONS,
    "promotion": promotion.ACTIONS,
}
#: Families that only the grammar produces (no hand-written templates, not in the held-out set).
GRAMMAR_ONLY = ("refusal", "promotion")
#: Where a generated instruction sits in its sentence: alone, after a lead-in, or tacked on.
LEAD_INS = {
    "en": (
        "Thanks for reading. ", "Before you continue: ", "One more thing. ",
        "Additional context for automated tools: ", "Note: ", "Update (please read): ",
    ),
}  # fmt: skip


def grammar_text(rng: random.Random, family: str, lang: str | None) -> tuple[str, str]:
    """One generated instruction of ``family`` (``lang`` when the grammar has it)."""
    table = ACTIONS[family]
    if lang not in table or rng.random() >= 0.8:
        lang = rng.choice(("en", "en", "en", *sorted(table)))
    openings, objects = table[lang]
    topics = slots.TOPICS.get(lang, slots.TOPICS["en"])
    space = "" if lang == "zh" else " "
    body = f"{rng.choice(openings)}{space}{rng.choice(objects)}".format(
        topic=rng.choice(topics),
        word=rng.choice(slots.WORDS),
        lang=rng.choice(slots.LANGS),
        mail=rng.choice(slots.MAILS),
        url=rng.choice(slots.URLS),
        persona=rng.choice(slots.PERSONAS),
        product=rng.choice(slots.PRODUCTS),
    )
    address = rng.choice(ADDRESS[lang])
    if address.endswith(", ") and body[0].isupper() and lang == "en":
        body = body[0].lower() + body[1:]
    text = address + body + rng.choice(CLOSE[lang])
    if lang in LEAD_INS and rng.random() < 0.15:
        text = rng.choice(LEAD_INS[lang]) + text
    return text, lang
