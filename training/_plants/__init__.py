"""Instructions to plant in documents: six families, several languages, written for sai.

Each family holds templates with slots ({topic}, {url}, {mail}, {tool}, {persona}, {lang});
``plant_texts`` fills them with a seeded generator and may prefix an address to the model
("Note to the AI assistant:"). Template lists are split: every fifth template of each family and
language is reserved for evaluation (``held_out_template``), so test plants are phrasings the
model never saw. Written for sai (Apache-2.0); no published benchmark or attack list was used.
"""

from __future__ import annotations

import random

from _plants import exfiltration, hijack, links, misleading, persona, tool
from _plants.slots import (
    LANGS,
    MAILS,
    PERSONAS,
    PREFIXES,
    TEST_MAILS,
    TEST_URLS,
    TOOLS,
    TOPICS,
    URLS,
)

#: family -> language -> templates, in this order (the held-out set's sampling depends on it).
FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "hijack": hijack.TEMPLATES,
    "misleading": misleading.TEMPLATES,
    "exfiltration": exfiltration.TEMPLATES,
    "links": links.TEMPLATES,
    "tool": tool.TEMPLATES,
    "persona": persona.TEMPLATES,
}


def held_out_template(index: int) -> bool:
    """Every fifth template of a family and language is for evaluation only."""
    return index % 5 == 4


def templates(family: str, *, test: bool) -> list[tuple[str, str]]:
    """``(language, template)`` of ``family``: the evaluation ones or the training ones."""
    return [
        (lang, text)
        for lang, items in FAMILIES[family].items()
        for index, text in enumerate(items)
        if held_out_template(index) == test
    ]


def plant_text(
    rng: random.Random, family: str, *, test: bool, lang: str | None = None
) -> tuple[str, str]:
    """One filled instruction of ``family`` and its language (``lang`` when it has some)."""
    found = templates(family, test=test)
    same = [item for item in found if item[0] == lang]
    lang, template = rng.choice(same if same and rng.random() < 0.8 else found)
    text = template.format(
        topic=rng.choice(TOPICS.get(lang, TOPICS["en"])),
        url=rng.choice(TEST_URLS if test else URLS),
        mail=rng.choice(TEST_MAILS if test else MAILS),
        tool=rng.choice(TOOLS),
        persona=rng.choice(PERSONAS),
        lang=rng.choice(LANGS),
    )
    prefix = rng.choice(PREFIXES.get(lang, ("",)))
    if prefix.startswith("<!--"):
        return f"{prefix}{text} -->", lang
    return prefix + text, lang
