"""Documents of the fifth held-out set as blocks, before any markup (``jobs_render`` writes them).

A block is a tuple: ``("title", text)``, ``("h", text)``, ``("p", [sentences])``,
``("ul", [items])``, ``("table", (column, column), [[cell, cell], ...])``, ``("raw", text)``
or ``("foot", [lines])``. ``jobs_gen`` puts a planted instruction into one of them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

Block = tuple[Any, ...]
Fill = Callable[[str], str]


def _some(rng: random.Random, items: Sequence[Any], low: int, high: int) -> list[Any]:
    return rng.sample(list(items), min(len(items), rng.randint(low, high)))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def job_ad(rng: random.Random, d: dict[str, Any], fill: Fill) -> list[Block]:
    heads = d["job_heads"]
    blocks: list[Block] = [("title", fill(rng.choice(d["job_titles"])))]
    blocks.append(("p", [fill(s) for s in _some(rng, d["job_intro"], 1, 3)]))
    facts = [[k, fill(v)] for k, v in _some(rng, d["job_facts"], 2, 4)]
    if rng.random() < 0.6:
        blocks.append(("table", ("", ""), facts))
    else:
        blocks.append(("ul", [f"{k}: {v}" for k, v in facts]))
    for key, bank, low, high in (
        ("tasks", "job_tasks", 3, 5),
        ("reqs", "job_reqs", 3, 5),
        ("offer", "job_offer", 2, 4),
    ):
        blocks += [
            ("h", heads[key]),
            ("ul", [_cap(fill(s)) for s in _some(rng, d[bank], low, high)]),
        ]
    apply = [fill(s) for s in _some(rng, d["job_apply"], 1, 2) + _some(rng, d["job_notes"], 0, 2)]
    blocks += [("h", heads["apply"]), ("p", apply)]
    if rng.random() < 0.4:
        blocks.append(("foot", [f"{fill('{company}')} · {fill('{link}')}"]))
    return blocks


def cv(rng: random.Random, d: dict[str, Any], fill: Fill, name: str) -> list[Block]:
    heads = d["cv_heads"]
    blocks: list[Block] = [("title", f"{name}\n{fill('{contact}')}")]
    blocks += [("h", heads["profile"]), ("p", [fill(rng.choice(d["cv_profile"]))])]
    blocks.append(("h", heads["experience"]))
    for role in _some(rng, d["cv_roles"], 1, 3):
        blocks += [("p", [fill(role)]), ("ul", [fill(s) for s in _some(rng, d["cv_jobs"], 1, 3)])]
    skills = [[k, fill(v)] for k, v in _some(rng, d["cv_skills"], 3, 5)]
    blocks.append(("h", heads["skills"]))
    if rng.random() < 0.5:
        blocks.append(("table", ("", ""), skills))
    else:
        blocks.append(("ul", [f"{k} ({v})" for k, v in skills]))
    blocks += [("h", heads["education"]), ("ul", [fill(s) for s in _some(rng, d["cv_edu"], 1, 2)])]
    blocks += [("h", heads["languages"]), ("p", [", ".join(_some(rng, d["cv_langs"], 2, 3))])]
    blocks += [("h", heads["references"]), ("p", [fill(s) for s in _some(rng, d["cv_refs"], 1, 2)])]
    return blocks


def letter(rng: random.Random, d: dict[str, Any], fill: Fill, name: str) -> list[Block]:
    blocks: list[Block] = [("p", [fill(rng.choice(d["letter_open"]))])]
    body = [fill(s) for s in _some(rng, d["letter_body"], 3, 5)]
    cut = rng.randint(1, len(body) - 1)
    blocks += [("p", body[:cut]), ("p", body[cut:])]
    blocks.append(("foot", [rng.choice(d["letter_close"]), name]))
    if rng.random() < 0.7:
        blocks += cv(rng, d, fill, name)[1:7]
    return blocks


def leaflet(rng: random.Random, d: dict[str, Any], fill: Fill) -> list[Block]:
    heads = d["med_heads"]
    blocks: list[Block] = [("title", fill(rng.choice(d["med_title"])))]
    blocks += [("h", fill(heads["use"])), ("p", [fill(s) for s in _some(rng, d["med_use"], 1, 3)])]
    dose = [fill(s) for s in _some(rng, d["med_dose"], 2, 4)]
    blocks += [("h", fill(heads["dose"])), ("p" if rng.random() < 0.5 else "ul", dose)]
    warn = [fill(s) for s in _some(rng, d["med_warn"], 2, 4)]
    blocks += [("h", heads["warn"]), ("ul" if rng.random() < 0.5 else "p", warn)]
    side = [[f, e] for f, e in _some(rng, d["med_side"], 2, 4)]
    blocks += [("h", heads["side"]), ("table", d["med_side_cols"], side)]
    store = [fill(s) for s in _some(rng, d["med_store"], 1, 3)]
    blocks += [("h", fill(heads["store"])), ("ul", store)]
    blocks.append(("foot", [fill(s) for s in _some(rng, d["med_foot"], 1, 3)]))
    return blocks
