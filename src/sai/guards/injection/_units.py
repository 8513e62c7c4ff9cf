"""Sentence units and sliding windows over a document, for the document detector.

A planted instruction is usually one sentence (or one table row, one code comment, one line of
a web page). The document is cut into units at sentence ends and line breaks; a unit longer
than ``MAX_UNIT`` is cut into overlapping pieces at spaces. Windows are every unit alone and
every run of ``SPAN`` consecutive units (stride one), so one planted sentence is scored on its
own, exactly as if it were the whole text, and once with its neighbours.
"""

from __future__ import annotations

import re

#: Longest unit scored whole, in characters; longer ones become overlapping pieces.
MAX_UNIT = 320
#: Stride between the pieces of an over-long unit (half a piece: every stretch is seen whole).
STRIDE = 160
#: Consecutive units of the wider windows.
SPAN = 2
_BOUNDARY = re.compile(r"(?<=[.!?。！？;])[\"'»”)\]]*\s+|[\n\r]+|(?<=[。！？])")
#: Matches where ``_BOUNDARY`` would match somewhere: a line break or an ideographic sentence
#: end, or a sentence end followed by closing quotes or brackets and a space. It starts with
#: a character class, which the regex engine looks for quickly; ``_BOUNDARY`` starts with a
#: lookbehind tried at every position.
_ANY_BOUNDARY = re.compile(r"[.!?;\n\r。！？](?:(?<=[\n\r。！？])|[\"'»”)\]]*\s)")
_WORDY = re.compile(r"[^\W\d_]{2}")


def units(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, line or table cell holding at least one word."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.start() > start:
            found.append((start, match.start()))
        start = max(start, match.end())
    if start < len(text):
        found.append((start, len(text)))
    result: list[tuple[int, int]] = []
    for first, end in found:
        begin = first
        while end - begin > MAX_UNIT:
            cut = text.rfind(" ", begin + MAX_UNIT // 2, begin + MAX_UNIT)
            cut = cut if cut > begin else begin + MAX_UNIT
            result.append(_strip(text, begin, cut))
            step = text.find(" ", begin + STRIDE, cut)
            begin = step + 1 if 0 <= step < cut else cut
        result.append(_strip(text, begin, end))
    return [(b, e) for b, e in result if e > b and _WORDY.search(text, b, e)]


def has_boundary(text: str) -> bool:
    """Whether ``text`` has a sentence end or line break that `units` would cut at."""
    return _ANY_BOUNDARY.search(text) is not None


def _strip(text: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end


def windows(found: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``(start, end, first unit)`` of every unit (unit ``k`` is window ``k``), then of every
    run of ``SPAN`` consecutive units."""
    result = [(start, end, index) for index, (start, end) in enumerate(found)]
    for index in range(len(found) - SPAN + 1):
        result.append((found[index][0], found[index + SPAN - 1][1], index))
    return result


__all__ = ["MAX_UNIT", "SPAN", "STRIDE", "has_boundary", "units", "windows"]
