"""Documents of the sixth held-out set as blocks (the block format of ``jobs_layout``, written
out by ``jobs_render``): a title, an introduction, a table or list of facts, reader instructions,
notes and sometimes a footer."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

Block = tuple[Any, ...]
Fill = Callable[[str], str]
KINDS = {
    "travel": ("booking", "itinerary", "voucher", "tour", "insurance"),
    "listings": ("rental", "sale", "houseshare", "classified"),
}
# Facts a kind leaves out: no asking price for a let, no monthly rent for a sale.
UNSOLD = {"rental": "{price}", "houseshare": "{price}", "sale": "{rent}"}
# Facts a kind keeps, by slot (a tour has no carrier, an insurance summary no check-out time).
KEEP = {
    "tour": ("{date}", "{time}", "{price}", "{ref}"),
    "insurance": ("{ref}", "{date}", "{price}", "{city2}"),
}
# Footer lines a genre leaves out, by slot (no carrier under a listing, no seller under a trip).
NOT_FOOT = {"travel": "{person}", "listings": "{carrier}"}


def _some(rng: random.Random, items: Sequence[Any], low: int, high: int) -> list[Any]:
    return rng.sample(list(items), min(len(items), rng.randint(low, high)))


def document(
    rng: random.Random, d: dict[str, Any], fill: Fill, genre: str, kind: str
) -> list[Block]:
    """One document of ``kind``; an unrelated or AI-mentioning line ("odd") nine times in twenty.
    Classified ads take the facts and rules of second-hand goods (``d["goods"]``); tours,
    insurance summaries, vouchers and sales their own rules (``d["kind_rules"]``)."""
    blocks: list[Block] = [("title", fill(rng.choice(d["titles"][kind])))]
    intro = [fill(s) for s in _some(rng, d["intro"][kind], 2, 4)]
    blocks.append(("p", intro))
    pool, rules, notes = d["facts"][genre], d["rules"][genre], d["notes"][genre]
    if kind == "classified":
        pool, rules = d["goods"]["facts"], d["goods"]["rules"]
        notes = [n for n in notes if "{url}" in n or "{mail}" in n]
    elif kind in UNSOLD:
        pool = [f for f in pool if UNSOLD[kind] not in f[1]]
    elif kind in KEEP:
        pool = [f for f in pool if any(slot in f[1] for slot in KEEP[kind])]
    if kind in d["kind_rules"]:
        rules = d["kind_rules"][kind]
    if kind == "insurance":
        notes = [n for n in notes if "{url}" in n or "{mail}" in n]
    facts = [[k, fill(v)] for k, v in _some(rng, pool, 3, 6)]
    if rng.random() < 0.5:
        blocks.append(("table", ("", ""), facts))
    else:
        blocks.append(("ul", [f"{k}: {v}" for k, v in facts]))
    first, second = d["heads"][genre]
    rules = [fill(s) for s in _some(rng, rules, 4, 7)]
    cut = rng.randint(2, len(rules) - 1)
    blocks += [("h", first), ("ul" if rng.random() < 0.6 else "p", rules[:cut])]
    notes = [fill(s) for s in _some(rng, notes, 1, 3)] + rules[cut:]
    rng.shuffle(notes)
    if rng.random() < 0.45:
        notes.insert(rng.randint(0, len(notes)), fill(rng.choice(d["odd"])))
    blocks += [("h", second), ("p", notes)]
    if rng.random() < 0.5:
        foot = [s for s in d["foot"] if NOT_FOOT[genre] not in s]
        blocks.append(("foot", [fill(s) for s in _some(rng, foot, 1, 2)]))
    return blocks
