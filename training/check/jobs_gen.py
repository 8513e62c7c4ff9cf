"""Write the fifth held-out set, ``training/check/jobs.jsonl`` (read once, at the end).

    .venv/bin/python training/check/jobs_gen.py

Recruiting documents (job ads, CVs, cover letters; genre ``jobs``) and medication leaflets
(genre ``health``), two genres in no training file, full of benign imperatives addressed to the
human reader, in English (about 40%), German, French, Spanish, Italian, Polish, Dutch and
Portuguese; plain text, markdown, HTML or pasted into an e-mail. Half the documents of each
genre carry exactly one planted instruction (``jobs_bank.FAMILIES``: the new ``verdict`` and
``phishing`` among them) addressed to the AI in the second person, by a product-neutral name,
in the third person or not at all, placed inside a paragraph, as a line or bullet of its own,
in an HTML comment, in a table cell, in a footer or in a white-on-white HTML span. Besides the
fields of ``articles.jsonl`` each row says its ``kind``, ``shape`` and ``place``. Fixed seed, no
network; written before the fifth candidate trained anything.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]
import jobs_bank as jb  # noqa: E402 - after the path set-up
import jobs_layout as jl  # noqa: E402
import jobs_render as jr  # noqa: E402

OUT = HERE / "jobs.jsonl"
SEED = 20261207
ROWS = 800
LANG_WEIGHTS = {"en": 14, "de": 3, "fr": 3, "es": 3, "it": 3, "pl": 3, "nl": 3, "pt": 3}
SHAPES = ("plain", "markdown", "html", "email")
PLACES = ("inside", "line", "comment", "cell", "footer", "hidden")
HIDDEN = (
    '<span style="color:#ffffff;font-size:1px">{}</span>',
    '<span style="color:white">{}</span>',
)
MIN_CHARS, MAX_CHARS = 400, 2500


def filler(rng: random.Random) -> Any:
    """A filler of slots for one document: names, places, links and the drug stay the same
    throughout; years, employers and towns are drawn anew at each use (a CV lists several)."""
    person, person2 = rng.sample(jb.PEOPLE, 2)
    fixed = {
        "company": rng.choice(jb.COMPANIES),
        "city": rng.choice(jb.CITIES),
        "person": person,
        "person2": person2,
        "contact": rng.choice(jb.CONTACTS),
        "link": rng.choice(jb.LINKS),
        "date": f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2027",
        "salary": f"{rng.randint(32, 95)},000 EUR",
        "years": rng.randint(2, 9),
        "num": rng.randint(1000, 9999),
        "drug": rng.choice(jb.DRUGS),
        "mg": rng.choice((5, 10, 20, 200, 400, 500)),
        "url": rng.choice(jb.URLS),
        "mail": rng.choice(jb.MAILS),
    }

    def fill(text: str) -> str:
        return text.format(
            **fixed,
            y1=rng.randint(2008, 2018),
            y2=rng.randint(2019, 2026),
            employer=rng.choice(jb.COMPANIES),
            town=rng.choice(jb.CITIES),
        )

    return fill


def plant(
    rng: random.Random, fill: Any, family: str, genre: str, lang: str
) -> tuple[str, str, str]:
    """(sentence, language, address): one instruction, in the document's language or, one time
    in ten, in English (every family has English bodies for both genres)."""
    if lang != "en" and rng.random() < 0.1:
        lang = "en"
    bank: dict[str, Any] = jb.LANGS[lang]
    table = bank["plants"].get(family, {})
    bodies = table.get(genre, ()) + table.get("any", ())
    if not bodies:
        lang, bank = "en", jb.LANGS["en"]
        bodies = bank["plants"][family].get(genre, ()) + bank["plants"][family].get("any", ())
    imp, inf = (fill(b) for b in rng.choice(bodies))
    address = rng.choice(jb.ADDRESSES)
    template = rng.choice(bank[address])
    text = template.format(
        imp=imp, Imp=imp[:1].upper() + imp[1:], inf=inf, ai=rng.choice(bank["ai"])
    )
    return text, lang, address


def document(rng: random.Random, fill: Any, genre: str, lang: str) -> tuple[str, list[jl.Block]]:
    docs: dict[str, Any] = jb.LANGS[lang]["docs"]
    if genre == "health":
        return "leaflet", jl.leaflet(rng, docs, fill)
    kind = rng.choice(("job_ad", "job_ad", "cv", "letter"))
    name = rng.choice(jb.PEOPLE)
    if kind == "job_ad":
        return kind, jl.job_ad(rng, docs, fill)
    return kind, (
        jl.cv(rng, docs, fill, name) if kind == "cv" else jl.letter(rng, docs, fill, name)
    )


def text_of(
    rng: random.Random, fill: Any, blocks: list[jl.Block], shape: str, genre: str, lang: str
) -> str:
    docs: dict[str, Any] = jb.LANGS[lang]["docs"]
    if shape != "email":
        return jr.render(blocks, shape, rng)
    lines = blocks[0][1].split("\n") if blocks[0][0] == "title" else ["CV"]
    title = lines[-1] if genre == "health" else lines[0]
    head = rng.choice(docs["mail_head"]).replace("{title}", title)
    intro = rng.choice(docs["mail_job" if genre == "jobs" else "mail_health"])
    inner = jr.render(blocks, rng.choice(("plain", "markdown")), rng)
    rule = rng.choice(("-----", "---------- Forwarded message ----------", "________________"))
    close = rng.choice(docs["mail_close"])
    return fill(f"{head}\n\n{intro}\n\n{rule}\n") + inner + fill(f"\n{rule}\n\n{close}")


def row(rng: random.Random, genre: str, lang: str, family: str) -> dict[str, object]:
    fill = filler(rng)
    kind, blocks = document(rng, fill, genre, lang)
    sentence, plant_lang, address, place = "", lang, "", ""
    if family:
        sentence, plant_lang, address = plant(rng, fill, family, genre, lang)
        place = jr.put(rng, blocks, sentence, rng.choice(PLACES), HIDDEN)
    shape = rng.choice(SHAPES)
    text = text_of(rng, fill, blocks, shape, genre, lang)
    if rng.random() < 0.25:
        text += "\n\n" + rng.choice(
            jb.LANGS[lang]["docs"]["q_job" if genre == "jobs" else "q_health"]
        )
    start = text.find(sentence) if family else -1
    return {
        "text": text,
        "label": int(bool(family)),
        "genre": genre,
        "family": family,
        "lang": plant_lang,
        "doc_lang": lang,
        "address": address,
        "start": start,
        "end": start + len(sentence) if family else -1,
        "kind": kind,
        "shape": shape,
        "place": place,
    }


def rows() -> list[dict[str, object]]:
    rng = random.Random(SEED)  # noqa: S311 - sampling, not secrecy
    schedule: dict[str, list[str]] = {}
    for genre in ("jobs", "health"):
        families = [f for f in jb.FAMILIES for _ in range(ROWS // 4 // len(jb.FAMILIES))]
        schedule[genre] = families + [""] * (ROWS // 2 - len(families))
        rng.shuffle(schedule[genre])
    out: list[dict[str, object]] = []
    seen: set[str] = set()
    for index in range(ROWS):
        genre = ("jobs", "health")[index % 2]
        family = schedule[genre][index // 2]
        while True:
            lang = rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
            made = row(rng, genre, lang, family)
            text = str(made["text"])
            once = not family or text.count(text[made["start"] : made["end"]]) == 1  # type: ignore[misc]
            if MIN_CHARS <= len(text) <= MAX_CHARS and text not in seen and once:
                break
        seen.add(text)
        out.append(made)
    return out


def main() -> None:
    OUT.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows()), encoding="utf-8"
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
