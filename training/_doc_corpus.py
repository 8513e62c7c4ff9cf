"""Documents for the document detector: benign ones of a genre, half with a planted instruction.

Shared by ``train_documents.py`` (the detector and the held-out set), ``doc_dev.py`` and
``train_injection.py`` (``--documents``). See ``_genres.py`` for the sources and ``_plants`` /
``_grammar`` / ``_grammar_wide`` for the instructions. Two recipes: ``first`` (the shipped
detector: nine genres less reviews, five families, the grammar of ``_grammar``) and ``wide``
(tried in the second release, not shipped: five more genres, two grammar-only families and the
wider grammar of ``_grammar_wide``; see training/README.md), and ``genres`` (the wide
recipe's genres with the first recipe's instructions).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import _grammar
import _grammar_wide
import _plants
from _genres import EXTRA_GENRES, GENRES, Composer, Sources
from _plant import plant

HELD_OUT_GENRE = "review"
HELD_OUT_FAMILY = "tool"
TRAIN_GENRES = tuple(g for g in GENRES if g != HELD_OUT_GENRE)
TRAIN_FAMILIES = tuple(f for f in _plants.FAMILIES if f != HELD_OUT_FAMILY)
#: Benign genre that quotes attacks on purpose; calibrated apart (see ``_doc_model.calibrate``).
QUOTING_GENRE = "security"


@dataclass(frozen=True)
class Recipe:
    """What training documents are made of."""

    genres: tuple[str, ...]
    families: tuple[str, ...]
    grammar: Callable[[random.Random, str, str | None], tuple[str, str]]
    #: families only the grammar writes (no hand-written templates)
    grammar_only: tuple[str, ...]
    #: the composer's training-only banks (how-to, news, support, notes) and decoys
    extended: bool

    def composer(self, parts: tuple[str, ...]) -> Composer:
        return Composer(Sources.load(parts), extended=self.extended)


RECIPES = {
    "first": Recipe(TRAIN_GENRES, TRAIN_FAMILIES, _grammar.grammar_text, (), extended=False),
    "wide": Recipe(
        TRAIN_GENRES + EXTRA_GENRES,
        TRAIN_FAMILIES + _grammar_wide.GRAMMAR_ONLY,
        _grammar_wide.grammar_text,
        _grammar_wide.GRAMMAR_ONLY,
        extended=True,
    ),
    #: the wide recipe's benign breadth (genres, decoys) with the first recipe's instructions
    "genres": Recipe(
        TRAIN_GENRES + EXTRA_GENRES, TRAIN_FAMILIES, _grammar.grammar_text, (), extended=True
    ),
}
#: The recipe of the shipped document detector.
SHIPPED = "first"


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
    recipe: Recipe = RECIPES[SHIPPED],
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
                    if family in recipe.grammar_only or (not test and rng.random() < 0.6):
                        instruction, lang = recipe.grammar(rng, family, lang)
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
