"""Which n-grams the injection detector hashes into how many buckets (stored with the weights)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FeatureSpec:
    """Which n-grams are hashed into how many buckets; stored beside the weights."""

    bits: int = 20
    char_min: int = 2
    char_max: int = 5
    word_max: int = 2
    #: 1: punctuation marks are word tokens and part of character n-grams; 2: only part of
    #: character n-grams; 0: dropped (in the training data a final "?" or "." says more about
    #: the source than about intent).
    punctuation: int = 1

    @property
    def size(self) -> int:
        """The number of buckets."""
        return 1 << self.bits


__all__ = ["FeatureSpec"]
