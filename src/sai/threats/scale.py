"""The 5x5 risk scale: a score is likelihood times impact, read as a level."""

from __future__ import annotations

import enum


class Level(enum.IntEnum):
    """Risk levels; a risk appetite names the highest level accepted without sign-off."""

    none = 0
    low = 1
    medium = 2
    high = 3
    critical = 4

    @classmethod
    def of(cls, score: int) -> Level:
        """The level of a score from 0 to 25: 1-4 low, 5-9 medium, 10-16 high, 17-25 critical."""
        if not 0 <= score <= 25:
            raise ValueError(f"score {score} is outside 0-25")
        if score == 0:
            return cls.none
        if score <= 4:
            return cls.low
        if score <= 9:
            return cls.medium
        return cls.high if score <= 16 else cls.critical


__all__ = ["Level"]
