"""Sentence windows for long inputs, so that one paragraph is scored in its own right.

A long e-mail with one hidden instruction is mostly ordinary text: scoring it whole dilutes
the instruction, and scoring every sentence alone loses context. Windows pack whole sentences
up to ``size`` characters; bridging windows straddle each boundary so an instruction split
across two windows is still seen whole.
"""

from __future__ import annotations

import itertools
import re

LONG = 600
"""Texts up to this many characters are scored whole."""
SIZE = 400
"""Target window size in characters."""
_BOUNDARY = re.compile(r"(?<=[.!?。！？:;])\s+|\n\s*")


def _segments(text: str, size: int) -> list[tuple[int, int]]:
    segments: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        segments.append((start, match.start()))
        start = match.end()
    segments.append((start, len(text)))
    pieces: list[tuple[int, int]] = []
    for first, end in segments:
        begin = first
        while end - begin > size:
            cut = text.rfind(" ", begin + size // 2, begin + size)
            cut = cut if cut > begin else begin + size
            pieces.append((begin, cut))
            begin = cut
        if end > begin and text[begin:end].strip():
            pieces.append((begin, end))
    return pieces


def windows(text: str, *, size: int = SIZE, bridges: bool = True) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of ``text`` to score; one range covering all of a short text."""
    if len(text) <= LONG:
        return [(0, len(text))]
    packed: list[tuple[int, int]] = []
    for begin, end in _segments(text, size):
        if packed and end - packed[-1][0] <= size:
            packed[-1] = (packed[-1][0], end)
        else:
            packed.append((begin, end))
    if not bridges:
        return packed
    result = list(packed)
    for (a_start, a_end), (b_start, b_end) in itertools.pairwise(packed):
        middle_a = text.find(" ", (a_start + a_end) // 2, a_end)
        middle_b = text.rfind(" ", b_start, (b_start + b_end) // 2)
        result.append((middle_a if middle_a >= 0 else a_start, middle_b if middle_b > 0 else b_end))
    return result


__all__ = ["LONG", "SIZE", "windows"]
