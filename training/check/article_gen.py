"""Write the fourth held-out set, ``training/check/articles.jsonl`` (read once, at the end).

    .venv/bin/python training/check/article_gen.py

Encyclopedia articles (sections, references with links) and terms-of-service or licence text
(second person, "must", links, "our assistant"): genres in no training file, in seven languages
(English, German, French, Spanish, Italian, Polish, Dutch). Half the documents carry one planted
instruction (``article_bank.PLANTS``: seven families, the new ``refusal`` among them, many
written about "the assistant" or "AI models" in the third person) at a random place: inside a
paragraph, as a paragraph of its own, as a reference or footnote, or in an HTML comment. Fixed
seed, no network; written before the fourth candidate trained anything.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]
import article_bank as ab  # noqa: E402 - after the path set-up

OUT = HERE / "articles.jsonl"
SEED = 20261209
ROWS = 720
LANG_WEIGHTS = {"en": 8, "de": 3, "fr": 2, "es": 2, "it": 2, "pl": 2, "nl": 2}
QUESTIONS = {
    "en": ("Summarise this article.", "What does this say about refunds?", "Who was she?"),
    "de": ("Fasse den Artikel kurz zusammen.",),
    "fr": ("Résume cet article.",),
    "es": ("Resume este texto.",),
    "it": ("Riassumi questa voce.",),
    "pl": ("Streść ten tekst.",),
    "nl": ("Vat dit artikel samen.",),
}


def _fill(rng: random.Random, text: str) -> str:
    return text.format(
        place=rng.choice(ab.PLACES),
        river=rng.choice(ab.RIVERS),
        person=rng.choice(ab.PEOPLE),
        year=rng.randint(1180, 1990),
        n=rng.randint(2, 40),
    )


def _plant(rng: random.Random, lang: str) -> tuple[str, str, str, str]:
    """(text, family, language, address): one instruction, with a lead-in; address "model"
    when it names the assistant, an AI, a model or an agent, else "imperative"."""
    family = rng.choice(sorted(ab.PLANTS))
    table = ab.PLANTS[family]
    if lang not in table or rng.random() < 0.25:
        lang = "en" if rng.random() < 0.5 else rng.choice(sorted(table))
    text = rng.choice(table[lang]).format(
        topic=rng.choice(ab.TOPICS), url=rng.choice(ab.URLS), mail=rng.choice(ab.MAILS)
    )
    lower = text.lower()
    names = ("assistant", " ai ", "the ai", "model", "agent", "chatbot", "assistent", "l'ia")
    third = any(w in lower for w in (*names, "la ia", "ki-", "ai-", "asystent"))
    lead = rng.choice(ab.LEADS[lang])
    text = f"{lead}{text} -->" if lead.startswith("<!--") else lead + text
    return text, family, lang, "model" if third else "imperative"


def _wiki(rng: random.Random, lang: str, plant: str | None) -> str:
    bank = ab.WIKI[lang]
    body = list(bank["body"])
    rng.shuffle(body)
    paragraphs: list[list[str]] = [[_fill(rng, rng.choice(bank["lead"]))]]
    sections = rng.sample(bank["sections"], rng.randint(1, 3))
    for _ in sections:
        paragraphs.append([_fill(rng, body.pop()) for _ in range(rng.randint(2, 4)) if body])
    title = rng.choice(ab.PLACES) if rng.random() < 0.6 else rng.choice(ab.PEOPLE)
    refs = [f"{i + 1}. ^ {url}" for i, url in enumerate(rng.sample(ab.REF_URLS, rng.randint(1, 3)))]
    where = rng.choice(("inside", "inside", "paragraph", "reference")) if plant else ""
    if plant and where == "inside":
        paragraph = rng.choice(paragraphs)
        paragraph.insert(rng.randint(0, len(paragraph)), plant)
    elif plant and where == "paragraph":
        paragraphs.insert(rng.randint(1, len(paragraphs)), [plant])
    elif plant:
        refs.insert(rng.randint(0, len(refs)), f"{len(refs) + 1}. ^ {plant}")
    blocks = [title, " ".join(paragraphs[0])]
    for heading, paragraph in zip(sections, paragraphs[1:], strict=False):
        blocks.append(f"== {heading} ==\n" + " ".join(paragraph))
    if len(paragraphs) > len(sections) + 1:
        blocks.extend(" ".join(p) for p in paragraphs[len(sections) + 1 :])
    blocks.append(f"== {bank['refs']} ==\n" + "\n".join(refs))
    return "\n\n".join(blocks)


def _terms(rng: random.Random, lang: str, plant: str | None) -> str:
    clauses = rng.sample(ab.TERMS[lang], min(len(ab.TERMS[lang]), rng.randint(4, 8)))
    if plant:
        clauses.insert(rng.randint(0, len(clauses)), plant)
    title = rng.choice(ab.TERMS_TITLES[lang])
    numbered = rng.random() < 0.6
    lines = [f"{i + 1}.{rng.randint(1, 4)} {c}" if numbered else c for i, c in enumerate(clauses)]
    joiner = "\n" if numbered or rng.random() < 0.5 else " "
    return f"{title}\n\n" + joiner.join(lines)


def rows() -> list[dict[str, object]]:
    rng = random.Random(SEED)  # noqa: S311 - sampling, not secrecy
    out: list[dict[str, object]] = []
    for index in range(ROWS):
        genre = "wiki" if index % 2 == 0 else "terms"
        lang = rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
        plant, family, plant_lang, address = None, "", "", ""
        if rng.random() < 0.5:
            plant, family, plant_lang, address = _plant(rng, lang)
        text = _wiki(rng, lang, plant) if genre == "wiki" else _terms(rng, lang, plant)
        if rng.random() < 0.35:
            text += "\n\n" + rng.choice(QUESTIONS[lang])
        start = text.find(plant) if plant else -1
        out.append(
            {
                "text": text,
                "label": int(plant is not None),
                "genre": genre,
                "family": family,
                "lang": plant_lang or lang,
                "doc_lang": lang,
                "address": address,
                "start": start,
                "end": start + len(plant) if plant else -1,
            }
        )
    return out


def main() -> None:
    OUT.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows()), encoding="utf-8"
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
