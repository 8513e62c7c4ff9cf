"""Tiny inline SVG charts (a line with an optional threshold or marker, and bars), so the
HTML report needs no JavaScript and no plotting library."""

from __future__ import annotations

import html
from collections.abc import Sequence

_W, _H, _PAD = 480, 120, 8


def _scale(values: Sequence[float], extra: float | None) -> tuple[float, float]:
    low = min([*values, *([extra] if extra is not None else [])], default=0.0)
    high = max([*values, *([extra] if extra is not None else [])], default=1.0)
    return low, (high - low) or 1.0


def line(
    values: Sequence[float], *, threshold: float | None = None, marker: int | None = None
) -> str:
    """A polyline of ``values``; a dashed threshold line and a marker at one index if given."""
    if not values:
        return "<svg width='0' height='0'></svg>"
    low, span = _scale(values, threshold)
    step = (_W - 2 * _PAD) / max(len(values) - 1, 1)

    def y(v: float) -> float:
        return _H - _PAD - (v - low) / span * (_H - 2 * _PAD)

    points = " ".join(f"{_PAD + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{_W}' height='{_H}' role='img'>",
        f"<polyline fill='none' stroke='#1f77b4' stroke-width='1.5' points='{points}'/>",
    ]
    if threshold is not None:
        out.append(
            f"<line x1='{_PAD}' x2='{_W - _PAD}' y1='{y(threshold):.1f}' "
            f"y2='{y(threshold):.1f}' stroke='#b00' stroke-dasharray='4'/>"
        )
    if marker is not None and 0 <= marker < len(values):
        x = _PAD + marker * step
        out.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{_PAD}' y2='{_H - _PAD}' stroke='#b00'/>")
    out.append("</svg>")
    return "".join(out)


def bars(counts: Sequence[int], *, labels: tuple[str, str] = ("", "")) -> str:
    """Vertical bars for a histogram, with the axis ends labelled."""
    top = max(counts, default=0) or 1
    width = (_W - 2 * _PAD) / max(len(counts), 1)
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{_W}' height='{_H + 14}' role='img'>"]
    for i, c in enumerate(counts):
        h = c / top * (_H - 2 * _PAD)
        out.append(
            f"<rect x='{_PAD + i * width:.1f}' y='{_H - _PAD - h:.1f}' "
            f"width='{width * 0.9:.1f}' height='{h:.1f}' fill='#1f77b4'/>"
        )
    out.append(f"<text x='{_PAD}' y='{_H + 10}' font-size='10'>{labels[0]}</text>")
    out.append(f"<text x='{_W - _PAD - 8}' y='{_H + 10}' font-size='10'>{labels[1]}</text></svg>")
    return "".join(out)


def paired_bars(labels: Sequence[str], reference: Sequence[float], current: Sequence[float]) -> str:
    """Reference (grey) and current (blue) shares side by side per bin, labels underneath."""
    top = max([*reference, *current], default=0.0) or 1.0
    slot = (_W - 2 * _PAD) / max(len(labels), 1)
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{_W}' height='{_H + 40}' role='img'>"]
    for i, (r, c) in enumerate(zip(reference, current, strict=True)):
        x = _PAD + i * slot
        for offset, value, colour in ((0.05, r, "#999"), (0.5, c, "#1f77b4")):
            h = value / top * (_H - 2 * _PAD)
            out.append(
                f"<rect x='{x + offset * slot:.1f}' y='{_H - _PAD - h:.1f}' "
                f"width='{slot * 0.42:.1f}' height='{h:.1f}' fill='{colour}'/>"
            )
        label = html.escape(labels[i][:10])
        out.append(
            f"<text x='{x + 2:.1f}' y='{_H + 4}' font-size='9' "
            f"transform='rotate(40 {x + 2:.1f} {_H + 4})'>{label}</text>"
        )
    out.append("</svg>")
    return "".join(out)


__all__ = ["bars", "line", "paired_bars"]
