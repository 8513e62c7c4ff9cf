"""Write the third held-out set, ``training/check/forum.jsonl`` (read once, at the end).

    .venv/bin/python training/check/forum_gen.py

Forum threads (a genre in no training file) in seven languages, half with one planted
instruction: the new family ``memory`` (a third of the plants) or new phrasings of the trained
families (``forum_bank.PLANTS``), inside a post, as a reply of its own or in a signature; and
documents of the training genres (test partition) with a ``memory`` plant, for that family's
TPR. Fixed seed, no network; written before the third release trained anything.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import forum_bank as fb  # noqa: E402 - after the path set-up
from _genres import Composer, Sources  # noqa: E402

OUT = HERE / "forum.jsonl"
SEED = 20261208
QUESTIONS = {
    "en": (
        "What did the thread conclude?",
        "Summarise the advice in this thread for me.",
        "Which answer solved it?",
    ),
    "de": ("Was war am Ende die Lösung?", "Fass den Thread kurz zusammen."),
    "fr": ("Quelle était la solution finale ?",),
    "es": ("¿Cuál fue la solución?",),
}
LANG_WEIGHTS = {"en": 10, "de": 3, "fr": 2, "es": 2, "nl": 1, "it": 1, "pl": 1}


def _header(rng: random.Random) -> str:
    user, date = rng.choice(fb.USERS), rng.choice(fb.DATES)
    return rng.choice(
        (
            f"{user} · {date}",
            f"Posted by {user} on {date}",
            f"#{rng.randint(2, 90)} {user} wrote:",
            f"[{date}] {user}:",
        )
    )


def _instruction(rng: random.Random, family: str, lang: str) -> tuple[str, str]:
    table = fb.PLANTS[family]
    if lang not in table or rng.random() < 0.3:
        lang = "en" if rng.random() < 0.6 else rng.choice(sorted(table))
    text = rng.choice(table[lang]).format(
        brand=rng.choice(fb.BRANDS),
        mail=rng.choice(fb.MAILS),
        url=rng.choice(fb.URLS),
        topic=rng.choice(fb.TOPICS),
    )
    address = rng.choice(fb.ADDRESSES[lang])
    if address and address[-2] in ",)" and text[0].isupper() and lang == "en":
        text = text[0].lower() + text[1:]
    return address + text, lang


def thread(rng: random.Random, plant: str | None) -> tuple[str, str, int, int]:
    """One thread (and, with ``plant``, the plant's character span)."""
    lang = rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
    bank = fb.POSTS[lang]
    posts = [rng.sample(bank, rng.randint(1, 3)) for _ in range(rng.randint(2, 5))]
    where = rng.choice(("inside", "reply", "signature")) if plant else ""
    if plant and where == "inside":
        post = rng.choice(posts)
        post.insert(rng.randint(0, len(post)), plant)
    elif plant and where == "reply":
        posts.insert(rng.randint(1, len(posts)), [plant])
    blocks = [rng.choice(fb.TITLES.get(lang, fb.TITLES["en"]))]
    for index, post in enumerate(posts):
        body = " ".join(post)
        if index and rng.random() < 0.25:
            body = "> " + rng.choice(posts[index - 1]) + "\n\n" + body
        if plant and where == "signature" and index == len(posts) - 1:
            body += "\n--\n" + plant
        blocks.append(_header(rng) + "\n" + body)
    text = "\n\n".join(blocks)
    start = text.find(plant) if plant else -1
    return text, lang, start, start + len(plant) if plant else -1


def rows() -> list[dict[str, object]]:
    rng = random.Random(SEED)  # noqa: S311 - sampling, not secrecy
    families = sorted(fb.PLANTS)
    out: list[dict[str, object]] = []
    for _ in range(600):
        family, plant, lang = "", None, ""
        if rng.random() < 0.5:
            family = (
                "memory"
                if rng.random() < 1 / 3
                else rng.choice([f for f in families if f != "memory"])
            )
            plant, lang = _instruction(rng, family, rng.choice(sorted(LANG_WEIGHTS)))
        text, thread_lang, start, end = thread(rng, plant)
        if rng.random() < 0.4:
            text += "\n\n" + rng.choice(QUESTIONS.get(thread_lang, QUESTIONS["en"]))
        out.append(
            {
                "text": text,
                "label": int(plant is not None),
                "genre": "forum",
                "family": family,
                "lang": lang or thread_lang,
                "start": start,
                "end": end,
            }
        )
    composer = Composer(Sources.load(("test",)))
    for genre in ("email", "table", "code", "techdoc", "book", "chat"):
        for _ in range(25):
            document, doc_lang = composer.document(genre, rng)
            plant, lang = _instruction(rng, "memory", doc_lang)
            plant = "# " + plant if genre == "code" else plant
            cuts = [0, len(document)] + [i + 1 for i, c in enumerate(document) if c == "\n"]
            cut = rng.choice(cuts)
            joiner = "\n" if genre in ("table", "code") else " "
            text = document[:cut] + (joiner if cut else "") + plant + joiner + document[cut:]
            start = cut + (len(joiner) if cut else 0)
            out.append(
                {
                    "text": text,
                    "label": 1,
                    "genre": genre,
                    "family": "memory",
                    "lang": lang,
                    "start": start,
                    "end": start + len(plant),
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
