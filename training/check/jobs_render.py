"""The blocks of ``jobs_layout`` as plain text, markdown or HTML (the fifth held-out set).

Text is written as it stands, without escaping (as when a page's source is pasted), so that a
planted sentence appears verbatim and its offsets can be found.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

Block = tuple[Any, ...]


def _table_rows(block: Block) -> tuple[list[str], list[list[str]]]:
    cols, rows = list(block[1]), [list(r) for r in block[2]]
    return (cols, rows) if any(cols) else (rows[0], rows[1:])


def plain(blocks: list[Block], rng: random.Random) -> str:
    bullet = rng.choice(("- ", "• ", "* "))
    upper = rng.random() < 0.3
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind in ("title", "raw"):
            out.append(block[1])
        elif kind == "h":
            out.append(block[1].upper() if upper else block[1])
        elif kind == "p":
            out.append(" ".join(block[1]))
        elif kind == "ul":
            out.append("\n".join(bullet + item for item in block[1]))
        elif kind == "table":
            cols, rows = _table_rows(block)
            out.append("\n".join(f"{a}: {b}" for a, b in [cols, *rows]))
        elif kind == "foot":
            out.append("\n".join(block[1]))
    return "\n\n".join(out)


def markdown(blocks: list[Block], rng: random.Random) -> str:
    bullet = rng.choice(("- ", "* "))
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "title":
            first, *rest = block[1].split("\n")
            out.append("\n".join([f"# {first}", *rest]))
        elif kind == "raw":
            out.append(block[1])
        elif kind == "h":
            out.append(f"## {block[1]}")
        elif kind == "p":
            out.append(" ".join(block[1]))
        elif kind == "ul":
            out.append("\n".join(bullet + item for item in block[1]))
        elif kind == "table":
            cols, rows = _table_rows(block)
            lines = [f"| {cols[0]} | {cols[1]} |", "|---|---|"]
            out.append("\n".join(lines + [f"| {a} | {b} |" for a, b in rows]))
        elif kind == "foot":
            out.append("---\n" + "  \n".join(block[1]))
    return "\n\n".join(out)


def html(blocks: list[Block], rng: random.Random) -> str:
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "title":
            first, *rest = block[1].split("\n")
            out.append(f"<h1>{first}</h1>" + "".join(f"\n<p>{line}</p>" for line in rest))
        elif kind == "raw":
            out.append(block[1])
        elif kind == "h":
            out.append(f"<h2>{block[1]}</h2>")
        elif kind == "p":
            out.append(f"<p>{' '.join(block[1])}</p>")
        elif kind == "ul":
            out.append("<ul>\n" + "\n".join(f"  <li>{item}</li>" for item in block[1]) + "\n</ul>")
        elif kind == "table":
            cols, rows = _table_rows(block)
            cells = "".join(f"<th>{c}</th>" for c in cols)
            body = "\n".join(f"  <tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
            out.append(f"<table>\n  <tr>{cells}</tr>\n{body}\n</table>")
        elif kind == "foot":
            out.append("<footer>" + "<br>".join(block[1]) + "</footer>")
    joiner = "\n" if rng.random() < 0.7 else ""
    return joiner.join(out)


def put(
    rng: random.Random, blocks: list[Block], sentence: str, place: str, hidden: Sequence[str]
) -> str:
    """Put ``sentence`` into ``blocks`` at ``place`` (``hidden``: the markups of a hidden
    plant, one drawn); the place actually used (a document with no table takes a cell plant
    as a bullet or a line)."""
    index = rng.randint(1, len(blocks))
    if place == "cell" and any(b[0] == "table" for b in blocks):
        table = rng.choice([b for b in blocks if b[0] == "table"])
        row = rng.choice(table[2])
        row[1] = f"{row[1]}. {sentence}" if rng.random() < 0.5 else sentence
        return place
    if place in ("inside", "hidden"):
        shown = rng.choice(hidden).format(sentence) if place == "hidden" else sentence
        paragraph = rng.choice([b for b in blocks if b[0] == "p"])[1]
        paragraph.insert(rng.randint(0, len(paragraph)), shown)
    elif place == "comment":
        blocks.insert(index, ("raw", f"<!-- {sentence} -->"))
    elif place == "footer":
        feet = [b for b in blocks if b[0] == "foot"]
        if not feet:
            feet = [("foot", [])]
            blocks.append(feet[0])
        feet[-1][1].insert(rng.randint(0, len(feet[-1][1])), sentence)
    elif rng.random() < 0.5 and any(b[0] == "ul" for b in blocks):
        items = rng.choice([b for b in blocks if b[0] == "ul"])[1]
        items.insert(rng.randint(0, len(items)), sentence)
        return "bullet"
    else:
        blocks.insert(index, ("p", [sentence]))
        return "line"
    return place


def render(blocks: list[Block], shape: str, rng: random.Random) -> str:
    """``shape``: plain, markdown, html (an e-mail wraps plain or markdown: ``jobs_gen``)."""
    return {"plain": plain, "markdown": markdown, "html": html}[shape](blocks, rng)
