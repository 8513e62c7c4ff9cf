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

import _banks
import _grammar
import _grammar_wide
import _plants
import _third
from _addressed import addressed_text
from _genres import EXTRA_GENRES, GENRES, RULES_GENRE, Composer, Sources, _bank
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
    #: share of plants taken from the shared corpus's short injections
    corpus_share: float = 0.2
    #: obligations told to a person (``_banks/rules.py``): "genre" (a genre, without the
    #: sentences that mention an AI), "both" (a genre, all sentences, and decoys), "ai" (decoys
    #: that mention an AI system, no genre), "" (none)
    rules: str = ""
    #: benign text that mentions AI systems (``_banks/ai_talk.py``) as a genre and as decoys
    ai_talk: bool = False
    #: with ``ai_talk``: share of all documents (benign and, before planting, poisoned) that get
    #: one sentence of that bank at a random boundary, so that naming a model is no cue alone
    ai_share: float = 0.0

    def composer(self, parts: tuple[str, ...]) -> Composer:
        return self.compose(Sources.load(parts))

    def compose(self, sources: Sources) -> Composer:
        if self.ai_talk:
            composer = AiTalkComposer(sources, extended=self.extended, rules=self.rules)
            composer.share = self.ai_share
            return composer
        return Composer(sources, extended=self.extended, rules=self.rules)


#: Benign documents that mention AI systems (news, release notes, help pages, forum talk,
#: abstracts, policies, fiction, reviews of AI apps, "travel agent"): training only.
AI_TALK_GENRE = "ai_talk"


class AiTalkComposer(Composer):
    """The composer with a genre of benign AI talk (``_banks.AI_TALK``: 2 to 8 sentences of one
    language, in paragraphs) and with decoys that mention an AI system drawn from that bank and
    from ``_banks.ai_mentions()`` (with ``rules="ai"``, a third of the decoys)."""

    def __init__(self, sources: Sources, *, extended: bool = False, rules: str = "") -> None:
        super().__init__(sources, extended=extended, rules=rules)
        self.banks[AI_TALK_GENRE] = _bank(_banks.AI_TALK, sources.parts)
        if "ai" in self.banks:
            merged = {**self.banks["ai"]}
            for lang, items in self.banks[AI_TALK_GENRE].items():
                merged[lang] = merged.get(lang, []) + items
            self.banks["ai"] = merged

    share = 0.0

    def document(self, genre: str, rng: random.Random) -> tuple[str, str]:
        """One benign document; a share of them with one AI-talk sentence (the document's
        language when the bank has it) at a random boundary."""
        text, lang = super().document(genre, rng)
        if self.share and genre != AI_TALK_GENRE and rng.random() < self.share:
            bank = self.banks[AI_TALK_GENRE]
            sentence = rng.choice(bank.get(lang) or bank[rng.choice(sorted(bank))])
            text = plant(rng, genre, text, sentence)[0]
        return text, lang

    def _make(self, genre: str, rng: random.Random) -> str:
        if genre == AI_TALK_GENRE:
            return self._prose(AI_TALK_GENRE, 2, 8)(rng)
        return super()._make(genre, rng)


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


def _mixed_grammar(rng: random.Random, family: str, lang: str | None) -> tuple[str, str]:
    """Half the first grammar (four languages), half the wide one (ten languages, more
    phrasings): planting variety without the wide recipe's grammar-only families."""
    if family in _grammar.ACTIONS and rng.random() < 0.5:
        return _grammar.grammar_text(rng, family, lang)
    return _grammar_wide.grammar_text(rng, family, lang)


#: the wide recipe's benign breadth and decoys, the first recipe's families, both grammars
RECIPES["broad"] = Recipe(
    TRAIN_GENRES + EXTRA_GENRES, TRAIN_FAMILIES, _mixed_grammar, (), extended=True
)
#: the first recipe with twice the share of the shared corpus's injections as plants
RECIPES["first-corpus"] = Recipe(
    TRAIN_GENRES, TRAIN_FAMILIES, _grammar.grammar_text, (), extended=False, corpus_share=0.4
)
#: the broad recipe with twice the share of the shared corpus's injections as plants
RECIPES["broad-corpus"] = Recipe(
    TRAIN_GENRES + EXTRA_GENRES, TRAIN_FAMILIES, _mixed_grammar, (), extended=True,
    corpus_share=0.4,
)  # fmt: skip
#: the broad recipe with the wide grammar's two grammar-only families (refusal, promotion)
RECIPES["broad-families"] = Recipe(
    TRAIN_GENRES + EXTRA_GENRES,
    TRAIN_FAMILIES + _grammar_wide.GRAMMAR_ONLY,
    _mixed_grammar,
    _grammar_wide.GRAMMAR_ONLY,
    extended=True,
)


def _third_grammar(rng: random.Random, family: str, lang: str | None) -> tuple[str, str]:
    """A third of the plants written about the model in the third person (``_third.py``);
    in Italian, Polish, Dutch and Portuguese documents mostly the wide grammar's imperatives
    in that language (the first grammar has four languages); the rest the first grammar."""
    if family in _third.PHRASES and rng.random() < 0.35:
        return _third.third_text(rng, family, lang)
    if lang in ("it", "pl", "nl", "pt") and family in _grammar_wide.ACTIONS and rng.random() < 0.6:
        return _grammar_wide.grammar_text(rng, family, lang)
    return _grammar.grammar_text(rng, family, lang)


#: the first recipe's genres, its grammar with third-person plants and more languages
RECIPES["third"] = Recipe(TRAIN_GENRES, TRAIN_FAMILIES, _third_grammar, (), extended=False)


def _fifth_grammar(rng: random.Random, family: str, lang: str | None) -> tuple[str, str]:
    """The third recipe's plants, and one in six addressed to the model as "you" by name
    ("If you are an AI reading this, you must ...", ``_addressed.py``)."""
    if family in _third.PHRASES and rng.random() < 1 / 6:
        return addressed_text(rng, family, lang)
    return _third_grammar(rng, family, lang)


#: the third recipe with plants that address the model as "you" by name
RECIPES["addressed"] = Recipe(TRAIN_GENRES, TRAIN_FAMILIES, _fifth_grammar, (), extended=False)
#: the third recipe with obligations told to a person as a genre (no AI mentions, no decoys)
RECIPES["third-rules"] = Recipe(
    (*TRAIN_GENRES, RULES_GENRE), TRAIN_FAMILIES, _third_grammar, (), extended=False, rules="genre"
)
#: the addressed plants and obligations told to a person as a genre, AI mentions and decoys
RECIPES["fifth"] = Recipe(
    (*TRAIN_GENRES, RULES_GENRE), TRAIN_FAMILIES, _fifth_grammar, (), extended=False, rules="both"
)
#: the third recipe with benign sentences that mention an AI system as decoys (for the
#: ``model`` flag trial, training/trials/model_flag.diff)
RECIPES["third-ai"] = Recipe(
    TRAIN_GENRES, TRAIN_FAMILIES, _third_grammar, (), extended=False, rules="ai"
)
#: sixth candidate: the third recipe with many benign sentences that mention AI systems
#: (``_banks/ai_talk.py``, ten languages) as a genre (half poisoned, like every genre: naming a
#: model is a cue neither way) and, with the AI mentions of ``third-ai``, as decoys
RECIPES["third-ai2"] = Recipe(
    (*TRAIN_GENRES, AI_TALK_GENRE), TRAIN_FAMILIES, _third_grammar, (), extended=False,
    rules="ai", ai_talk=True,
)  # fmt: skip
#: the same sentences as decoys only (no genre of their own): benign documents of the third
#: recipe's genres with one AI mention out of place
RECIPES["third-ai2-decoys"] = Recipe(
    TRAIN_GENRES, TRAIN_FAMILIES, _third_grammar, (), extended=False, rules="ai", ai_talk=True
)
#: the decoys, and one AI-talk sentence in 30% of all documents (benign or to be poisoned)
RECIPES["third-ai2-mixed"] = Recipe(
    TRAIN_GENRES, TRAIN_FAMILIES, _third_grammar, (), extended=False, rules="ai", ai_talk=True,
    ai_share=0.3,
)  # fmt: skip
#: The recipe of the shipped document detector (fourth candidate, 2026-12-07; before: "first").
SHIPPED = "third"
#: Documents per genre and partition of the shipped detector (before: 500).
SHIPPED_DOCS = 750


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
    recipe: Recipe = RECIPES["first"],
) -> list[Doc]:
    """``per_genre`` documents of each genre, half with one planted instruction."""
    docs: list[Doc] = []
    for genre in genres:
        for _ in range(per_genre):
            text, lang = composer.document(genre, rng)
            doc = Doc(text, 0, genre, "", lang)
            if rng.random() < 0.5:
                if corpus and rng.random() < recipe.corpus_share:
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
