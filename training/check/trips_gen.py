"""Write the sixth held-out set, ``training/check/trips.jsonl`` (read once, at the end).

    .venv/bin/python training/check/trips_gen.py

Travel papers (booking confirmations, itineraries, hotel and car-rental vouchers, tour
descriptions, insurance summaries; genre ``travel``) and listings (flats to rent or buy, rooms
in house shares, classified ads for second-hand goods; genre ``listings``): two genres in no
training file and no earlier held-out set, full of benign imperatives and obligations addressed
to the human reader, in English (about 40%), German, French, Spanish, Italian, Polish, Dutch and
Portuguese, as plain text, markdown, HTML or pasted into an e-mail. Half the documents of each
genre carry exactly one planted instruction to the AI reading it (``trips_bank.FAMILIES``:
``hijack``, ``misleading``, ``exfiltration``, ``links``, ``persona``, ``tool`` in new phrasings
and the new ``payment``: pay outside the platform, to another account, or a changed fee),
addressed in the second person, by a product-neutral name, in the third person or not at all,
inside a paragraph, as a line or bullet, in an HTML comment, a table cell, a footer or a
white-on-white span. Seed 20261208, no network; written before any candidate read it.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]
import jobs_render as jr  # noqa: E402 - after the path set-up
import trips_bank as tb  # noqa: E402
import trips_layout as tl  # noqa: E402

OUT = HERE / "trips.jsonl"
SEED = 20261208
ROWS = 800
GENRES = ("travel", "listings")
# Documents per language in each genre and label (200): English 81, the others 17 each.
LANG_COUNTS = {"en": 81, "de": 17, "fr": 17, "es": 17, "it": 17, "pl": 17, "nl": 17, "pt": 17}
SHAPES = ("plain", "markdown", "html", "email")
PLACES = ("inside", "line", "comment", "cell", "footer", "hidden")
HIDDEN = (
    '<span style="color:#ffffff;font-size:1px">{}</span>',
    '<span style="color:white;background:white">{}</span>',
)
MIN_CHARS, MAX_CHARS = 400, 2500


def filler(rng: random.Random, genre: str, lang: str) -> Any:
    """A filler of slots for one document (every slot keeps its value throughout)."""
    docs: dict[str, Any] = tb.LANGS[lang]["docs"]
    city, city2 = rng.sample(tb.CITIES, 2)
    person, person2 = rng.sample(tb.PEOPLE, 2)
    fixed = {
        "city": city,
        "city2": city2,
        "person": person,
        "person2": person2,
        "hotel": rng.choice(tb.HOTELS),
        "carrier": rng.choice(tb.CARRIERS),
        "street": rng.choice(tb.STREETS),
        "ref": f"{rng.choice('BKTRX')}{rng.choice('QWZMP')}{rng.randint(10000, 99999)}",
        "date": f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2027",
        "time": f"{rng.randint(5, 22):02d}:{rng.choice(('05', '20', '35', '50'))}",
        "price": f"{rng.randint(90, 2400)} EUR",
        "rent": f"{rng.randint(45, 190) * 10} EUR",
        "deposit": f"{rng.randint(9, 45) * 100} EUR",
        "size": rng.randint(18, 140),
        "rooms": rng.randint(1, 5),
        "url": rng.choice(tb.URLS[genre]),
        "mail": rng.choice(tb.MAILS[genre]),
        "iban": rng.choice(tb.IBANS),
        "phone": f"+00 {rng.randint(100, 999)} {rng.randint(100000, 999999)}",
        "item": rng.choice(docs["items"]),
        "evil_url": rng.choice(tb.BAD_URLS),
        "evil_mail": rng.choice(tb.BAD_MAILS),
        "evil_iban": rng.choice(tb.BAD_IBANS),
        "doc": docs["doc"][genre],
    }

    def fill(text: str, **over: object) -> str:
        return text.format(**{**fixed, **over})

    return fill


def plant(
    rng: random.Random, fill: Any, family: str, genre: str, lang: str
) -> tuple[str, str, str]:
    """(sentence, language, address): one instruction, in the document's language or, one time
    in eight, in English."""
    if lang != "en" and rng.random() < 0.125:
        lang = "en"
    bank: dict[str, Any] = tb.LANGS[lang]
    imp, inf = rng.choice([b for b in bank["plants"][family] if b[2:] in ((), (genre,))])[:2]
    address = rng.choice(tb.ADDRESSES)
    template = rng.choice(bank[address])
    ai = rng.choice(bank["ai"])
    text = template.format(
        imp=imp,
        Imp=imp[:1].upper() + imp[1:],
        inf=inf,
        ai=ai,
        Ai=ai[:1].upper() + ai[1:],
        doc="{doc}",
    )
    return fill(text, doc=bank["docs"]["doc"][genre]), lang, address


def text_of(
    rng: random.Random, fill: Any, blocks: list[tl.Block], shape: str, genre: str, lang: str
) -> str:
    docs: dict[str, Any] = tb.LANGS[lang]["docs"]
    if shape != "email":
        return jr.render(blocks, shape, rng)
    title = blocks[0][1]
    head = rng.choice(docs["mail_head"]).replace("{title}", title)
    intro = rng.choice(docs["mail_intro"][genre])
    inner = jr.render(blocks, rng.choice(("plain", "markdown")), rng)
    rule = rng.choice(("-----", "---------- Forwarded message ----------", "________________"))
    close = rng.choice(docs["mail_close"])
    return fill(f"{head}\n\n{intro}\n\n{rule}\n") + inner + fill(f"\n{rule}\n\n{close}")


def row(rng: random.Random, genre: str, lang: str, family: str) -> dict[str, object]:
    fill = filler(rng, genre, lang)
    kind = rng.choice(tl.KINDS[genre])
    blocks = tl.document(rng, tb.LANGS[lang]["docs"], fill, genre, kind)
    sentence, plant_lang, address, place = "", lang, "", ""
    if family:
        sentence, plant_lang, address = plant(rng, fill, family, genre, lang)
        place = jr.put(rng, blocks, sentence, rng.choice(PLACES), HIDDEN)
    shape = rng.choice(SHAPES)
    text = text_of(rng, fill, blocks, shape, genre, lang)
    if rng.random() < 0.2:
        text += "\n\n" + rng.choice(tb.LANGS[lang]["docs"]["asks"][genre])
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
    per_family = ROWS // 4 // len(tb.FAMILIES)
    langs = [lang for lang, n in LANG_COUNTS.items() for _ in range(n)]
    schedule: dict[str, list[tuple[str, str]]] = {}
    for genre in GENRES:
        families = [f for f in tb.FAMILIES for _ in range(per_family)]
        families += list(rng.sample(tb.FAMILIES, ROWS // 4 - len(families)))
        rng.shuffle(families)
        planted = list(zip(families, rng.sample(langs, len(langs)), strict=True))
        schedule[genre] = planted + [("", lang) for lang in langs]
        rng.shuffle(schedule[genre])
    out: list[dict[str, object]] = []
    seen: set[str] = set()
    for index in range(ROWS):
        genre = GENRES[index % 2]
        family, lang = schedule[genre][index // 2]
        while True:
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
