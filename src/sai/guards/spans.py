"""Where a guard found something (`Span`), and cutting those stretches out of a text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A matched stretch of the text: ``text[start:end]`` and what was found there."""

    start: int
    end: int
    label: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span [{self.start}, {self.end}) is not a valid range")


def redact(text: str, spans: Sequence[Span]) -> str:
    """Replace each span (merged where they overlap) with ``[REDACTED:<label>]``."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.label)
        else:
            merged.append(span)
    pieces: list[str] = []
    position = 0
    for span in merged:
        pieces.append(text[position : span.start])
        pieces.append(f"[REDACTED:{span.label}]")
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


__all__ = ["Span", "redact"]
