"""Hashed n-gram features, computed with numpy so that scoring a prompt takes microseconds.

Character 2- to 5-grams of the normalised text and word 1- and 2-grams are hashed into
``2**bits`` buckets; each bucket holds ``1 + log(count)`` and the vector is L2-normalised. The
hash is our own (a polynomial over code points, then a 64-bit mixer), so it is stable across
processes and Python versions: the shipped weights index the same buckets everywhere.
"""

from __future__ import annotations

import math
import re

import numpy as np
import numpy.typing as npt

from sai.guards.injection._hashing import buckets_in_place, hashes
from sai.guards.injection._spec import FeatureSpec

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]

_PUNCT = re.compile(r"[^\w\s]+")


#: ``1 + log(count)`` in float32 for counts up to this, computed once as :func:`features`
#: computes it (the same numpy function on int64 counts) and gathered per text.
TABULATED = 8192
with np.errstate(divide="ignore"):
    SUBLINEAR = (1.0 + np.log(np.arange(TABULATED + 1, dtype=np.int64))).astype(np.float32)


def distinct(text: str, spec: FeatureSpec) -> tuple[IntArray, IntArray, int]:
    """The distinct buckets of ``text`` (ascending), their counts and the counts' sum."""
    if spec.punctuation == 0:
        text = " ".join(_PUNCT.sub(" ", text).split())
    found = hashes(text, spec)
    if not len(found):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0
    buckets_in_place(found, spec.bits)
    # below 2**bits: the same numbers as signed
    return (*counted(found.view(np.int64)), len(found))


def bucket_counts(text: str, spec: FeatureSpec) -> tuple[IntArray, IntArray]:
    """The distinct buckets of already-normalised ``text`` (ascending) and their counts."""
    indices, counts, _ = distinct(text, spec)
    return indices, counts


def counted(values: IntArray) -> tuple[IntArray, IntArray]:
    """``np.unique(values, return_counts=True)``, sorting ``values`` in place."""
    size = len(values)
    if not size:
        return values, np.zeros(0, dtype=np.int64)
    values.sort()
    bounds = np.empty(size + 1, dtype=bool)  # where a run of equal values starts, and the end
    bounds[0] = bounds[size] = True
    np.not_equal(values[1:], values[:-1], bounds[1:size])
    starts = bounds.nonzero()[0]
    firsts = starts[:-1]
    return values[firsts], starts[1:] - firsts


def features(text: str, spec: FeatureSpec) -> tuple[IntArray, FloatArray]:
    """The sparse feature vector of already-normalised ``text``: bucket indices and values."""
    indices, counts, total = distinct(text, spec)
    if not len(indices):
        return indices, np.zeros(0, dtype=np.float32)
    values = sublinear(counts, total)
    values /= norm(values)
    return indices, values


def sublinear(counts: IntArray, total: int) -> FloatArray:
    """``1 + log(counts)`` in float32 (a new array); ``total`` is the counts' sum."""
    # no count exceeds the counts' sum
    if total <= TABULATED:
        return SUBLINEAR[counts]
    return (1.0 + np.log(counts)).astype(np.float32)


def norm(values: FloatArray) -> np.float32:
    """``np.float32(np.sqrt(np.dot(values, values)))``: the square root of a float32 taken in
    double precision and rounded to float32 is the correctly rounded float32 root."""
    return np.float32(math.sqrt(np.dot(values, values)))


__all__ = [
    "SUBLINEAR",
    "FeatureSpec",
    "FloatArray",
    "IntArray",
    "bucket_counts",
    "counted",
    "distinct",
    "features",
    "norm",
    "sublinear",
]
