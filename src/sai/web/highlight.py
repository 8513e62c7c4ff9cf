"""The guard findings of a held response, marked at their spans for the reviewer.

The review queue stores which guards held a response, not where they matched; the console
runs those guards again on the held text (as output) and cuts the text into plain and marked
pieces. Overlapping spans merge into one mark that names every finding in it.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass

from sai.guards import GUARDS, Direction, Guard, GuardContext, Span, build_guards


@dataclass(frozen=True)
class Piece:
    """A stretch of the held text; ``label`` names the findings when it is marked."""

    text: str
    label: str | None = None


def find_spans(text: str, reasons: Iterable[str], cache: MutableMapping[str, Guard]) -> list[Span]:
    """Where the guards named in ``reasons`` match ``text`` (unknown names are skipped)."""
    spans: list[Span] = []
    context = GuardContext(direction=Direction.output)
    for name in dict.fromkeys(reasons):
        if name not in GUARDS:
            continue
        if name not in cache:
            cache[name] = build_guards([name])[0]
        result = cache[name].scan(text, context)
        spans.extend(Span(s.start, min(s.end, len(text)), s.label or name) for s in result.spans)
    return spans


def pieces(text: str, spans: Iterable[Span]) -> list[Piece]:
    """``text`` cut into pieces, marked where any span covers it."""
    ordered = sorted((s for s in spans if s.start < s.end <= len(text)), key=lambda s: s.start)
    merged: list[tuple[int, int, list[str]]] = []
    for span in ordered:
        if merged and span.start < merged[-1][1]:
            start, end, labels = merged[-1]
            merged[-1] = (start, max(end, span.end), [*labels, span.label])
        else:
            merged.append((span.start, span.end, [span.label]))
    out: list[Piece] = []
    cursor = 0
    for start, end, labels in merged:
        if start > cursor:
            out.append(Piece(text[cursor:start]))
        out.append(Piece(text[start:end], ", ".join(dict.fromkeys(labels))))
        cursor = end
    if cursor < len(text) or not out:
        out.append(Piece(text[cursor:]))
    return out


__all__ = ["Piece", "find_spans", "pieces"]
