"""Documents for the document detector: benign ones of a genre, half with a planted instruction.

Shared by ``train_documents.py`` (the detector and the held-out set) and ``train_injection.py``
(``--documents``). See ``_genres.py`` for the sources and ``_plants`` / ``_grammar`` for
the instructions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import _plants
from _genres import EXTRA_GENRES, GENRES, Composer, plant
from _grammar import GRAMMAR_ONLY, grammar_text

HELD_OUT_GENRE = "review"
HELD_OUT_FAMILY = "tool"
TRAIN_GENRES = tuple(g for g in GENRES if g != HELD_OUT_GENRE) + EXTRA_GENRES
TRAIN_FAMILIES = tuple(f for f in _plants.FAMILIES if f != HELD_OUT_FAMILY) + GRAMMAR_ONLY
#: Benign genre that quotes attacks on purpose; calibrated apart (see ``_doc_model.calibrate``).
QUOTING_GENRE = "security"


@dataclass
class Doc:
    text: str
    label: int
    genre: str
    family: str
    lang: str
    start: int = -1
    end: int = -1


def make_docs(
    composer: Composer,
    rng: random.Random,
    genres: tuple[str, ...],
    families: tuple[str, ...],
    per_genre: int,
    *,
    test: bool,
    corpus: list[str] = (),  # type: ignore[assignment]
) -> list[Doc]:
    """``per_genre`` documents of each genre, half with one planted instruction."""
    docs: list[Doc] = []
    for genre in genres:
        for _ in range(per_genre):
            text, lang = composer.document(genre, rng)
            doc = Doc(text, 0, genre, "", lang)
            if rng.random() < 0.5:
                if corpus and rng.random() < 0.2:
                    instruction, family, lang = rng.choice(corpus), "corpus", "?"
                else:
                    family = rng.choice(families)
                    if family in GRAMMAR_ONLY or (not test and rng.random() < 0.6):
                        instruction, lang = grammar_text(rng, family, lang)
                    else:
                        instruction, lang = _plants.plant_text(rng, family, test=test, lang=lang)
                text, start, end = plant(rng, genre, text, instruction)
                doc = Doc(text, 1, genre, family, lang, start, end)
            elif rng.random() < 0.3:
                # a benign sentence out of place (another genre or language) is not an injection
                decoy = composer.decoy(rng)
                doc.text = plant(rng, genre, doc.text, decoy)[0]
            if rng.random() < 0.4:
                doc.text += "\n\n" + composer.question(rng, doc.lang)
            docs.append(doc)
    return docs
