"""Hashed n-gram features, computed with numpy so that scoring a prompt takes microseconds.

Character 2- to 5-grams of the normalised text and word 1- and 2-grams are hashed into
``2**bits`` buckets; each bucket holds ``1 + log(count)`` and the vector is L2-normalised. The
hash is our own (a polynomial over code points, then a 64-bit mixer), so it is stable across
processes and Python versions: the shipped weights index the same buckets everywhere.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]

_PRIME = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_WORDS = re.compile(r"\w+|[^\w\s]")
_WORDS_ONLY = re.compile(r"\w+")
_PUNCT = re.compile(r"[^\w\s]+")


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


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    values = values ^ (values >> np.uint64(30))
    values = values * _MIX1
    values = values ^ (values >> np.uint64(27))
    values = values * _MIX2
    return values ^ (values >> np.uint64(31))


def _mix_in_place(values: npt.NDArray[np.uint64]) -> None:
    """:func:`_mix` without temporaries (the same integers)."""
    shifted = np.empty_like(values)
    for shift, factor in ((_S30, _MIX1), (_S27, _MIX2)):
        np.right_shift(values, shift, out=shifted)
        np.bitwise_xor(values, shifted, out=values)
        np.multiply(values, factor, out=values)
    np.right_shift(values, _S31, out=shifted)
    np.bitwise_xor(values, shifted, out=values)


_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_WORD_TAG = np.uint64(1 << 40)


def _hashes(text: str, spec: FeatureSpec) -> npt.NDArray[np.uint64]:
    """Every n-gram hash of ``text`` (characters, then words) in one preallocated array, in
    the order of ``_char_hashes`` and ``_word_hashes``."""
    codes = np.frombuffer(f" {text} ".encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    tokens = (_WORDS if spec.punctuation == 1 else _WORDS_ONLY).findall(text)
    size = len(codes)
    chars = [n for n in range(2, spec.char_max + 1) if size >= n]
    words = [n for n in range(2, spec.word_max + 1) if len(tokens) >= n] if tokens else []
    kept = [n for n in chars if n >= spec.char_min]
    total = sum(size - n + 1 for n in kept)
    total += len(tokens) + sum(len(tokens) - n + 1 for n in words) if tokens else 0
    out = np.empty(total, dtype=np.uint64)
    position = 0
    rolling = codes
    for n in chars:
        rolling = rolling[:-1] * _PRIME
        rolling += codes[n - 1 :]
        if n >= spec.char_min:
            np.add(rolling, np.uint64(n), out=out[position : position + len(rolling)])
            position += len(rolling)
    if tokens:
        unigrams = out[position : position + len(tokens)]
        unigrams[:] = [zlib.crc32(token.encode("utf-8")) for token in tokens]
        unigrams += _WORD_TAG
        position += len(tokens)
        current = unigrams
        for n in words:
            current = current[:-1] * _PRIME
            current += unigrams[n - 1 :]
            np.add(current, np.uint64(n << 44), out=out[position : position + len(current)])
            current = out[position : position + len(current)]
            position += len(current)
    return out


def bucket_counts(text: str, spec: FeatureSpec) -> tuple[IntArray, IntArray]:
    """The distinct buckets of already-normalised ``text`` (ascending) and their counts."""
    if spec.punctuation == 0:
        text = " ".join(_PUNCT.sub(" ", text).split())
    hashes = _hashes(text, spec)
    if not len(hashes):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    _mix_in_place(hashes)
    hashes >>= np.uint64(64 - spec.bits)
    return counted(hashes.view(np.int64))  # below 2**bits: the same numbers as signed


def counted(values: IntArray) -> tuple[IntArray, IntArray]:
    """``np.unique(values, return_counts=True)``, sorting ``values`` in place."""
    if not len(values):
        return values, np.zeros(0, dtype=np.int64)
    values.sort()
    starts = np.empty(len(values), dtype=bool)
    starts[0] = True
    np.not_equal(values[1:], values[:-1], out=starts[1:])
    first = np.flatnonzero(starts)
    counts = np.empty(len(first), dtype=np.int64)
    np.subtract(first[1:], first[:-1], out=counts[:-1])
    counts[-1] = len(values) - first[-1]
    return values[first], counts


def features(text: str, spec: FeatureSpec) -> tuple[IntArray, FloatArray]:
    """The sparse feature vector of already-normalised ``text``: bucket indices and values."""
    indices, counts = bucket_counts(text, spec)
    if not len(indices):
        return indices, np.zeros(0, dtype=np.float32)
    values = (1.0 + np.log(counts)).astype(np.float32)
    values /= np.float32(np.sqrt(np.dot(values, values)))
    return indices, values


__all__ = ["FeatureSpec", "FloatArray", "IntArray", "bucket_counts", "counted", "features"]
