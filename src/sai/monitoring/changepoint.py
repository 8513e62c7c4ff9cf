"""Page-Hinkley change-point detection on a rate series, vectorised.

For rates x_1..x_n (one per time bucket) the test accumulates m_t = sum_{i<=t}(x_i - mean_i -
delta), where mean_i is the running mean, and alarms at the first t where m_t minus its
running minimum exceeds ``threshold``: a sustained rise of the rate above what came before.
``delta`` absorbs noise; ``threshold`` trades detection delay for false alarms
(docs/monitoring.md gives the defaults and why).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class ChangePoint:
    """Where the alarm fired, and how far the statistic rose."""

    alarm: bool
    index: int | None
    statistic: float


def page_hinkley(
    rates: np.ndarray[Any, Any], *, delta: float = 0.005, threshold: float = 0.5
) -> ChangePoint:
    """Page-Hinkley for an increase of ``rates``."""
    x = np.asarray(rates, dtype=np.float64)
    if len(x) < 2:
        return ChangePoint(False, None, 0.0)
    running_mean = np.cumsum(x) / np.arange(1, len(x) + 1)
    m = np.cumsum(x - running_mean - delta)
    rise = m - np.minimum.accumulate(np.minimum(m, 0.0))
    over = np.flatnonzero(rise > threshold)
    if len(over) == 0:
        return ChangePoint(False, None, float(rise.max()))
    return ChangePoint(True, int(over[0]), float(rise.max()))


__all__ = ["ChangePoint", "page_hinkley"]
