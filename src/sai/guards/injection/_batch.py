"""The hashed n-grams of many short texts in one numpy pass (the units of one document).

Hashing each sentence of a document separately costs numpy's per-call overhead dozens of times.
Here the texts are padded exactly as :func:`._features.features` pads one text, joined, hashed
once, and each n-gram is kept only when it lies inside one text: the bucket counts of each text
equal those ``features`` would count for it alone.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from sai.guards.injection._features import FeatureSpec, counted
from sai.guards.injection._hashing import _PRIME, _mix

IntArray = npt.NDArray[np.int64]
UintArray = npt.NDArray[np.uint64]
_WORDS = re.compile(r"\w+|[^\w\s]")
_WORDS_ONLY = re.compile(r"\w+")
_PUNCT = re.compile(r"[^\w\s]+")


def _chars(texts: Sequence[str], spec: FeatureSpec) -> tuple[list[UintArray], list[IntArray]]:
    padded = [f" {text} " for text in texts]
    lengths = np.fromiter((len(p) for p in padded), dtype=np.int64, count=len(padded))
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    hashes: list[UintArray] = []
    owners: list[IntArray] = []
    rolling = codes.copy()
    for n in range(2, spec.char_max + 1):
        if len(codes) < n:
            break
        rolling = rolling[:-1] * _PRIME + codes[n - 1 :]
        if n >= spec.char_min:
            first = owner[: len(rolling)]
            inside = first == owner[n - 1 :]
            hashes.append((rolling + np.uint64(n))[inside])
            owners.append(first[inside])
    return hashes, owners


def _words(texts: Sequence[str], spec: FeatureSpec) -> tuple[list[UintArray], list[IntArray]]:
    pattern = _WORDS if spec.punctuation == 1 else _WORDS_ONLY
    tokens: list[int] = []
    owner_list: list[int] = []
    for number, text in enumerate(texts):
        found = pattern.findall(text)
        tokens.extend(zlib.crc32(token.encode("utf-8")) for token in found)
        owner_list.extend([number] * len(found))
    if not tokens:
        return [], []
    unigrams = np.array(tokens, dtype=np.uint64) + np.uint64(1 << 40)
    owner = np.array(owner_list, dtype=np.int64)
    hashes, owners = [unigrams], [owner]
    current = unigrams
    for n in range(2, spec.word_max + 1):
        if len(unigrams) < n:
            break
        current = current[:-1] * _PRIME + unigrams[n - 1 :] + np.uint64(n << 44)
        first = owner[: len(current)]
        inside = first == owner[n - 1 :]
        hashes.append(current[inside])
        owners.append(first[inside])
    return hashes, owners


def bucket_table(texts: Sequence[str], spec: FeatureSpec) -> tuple[IntArray, IntArray, IntArray]:
    """Every text's distinct buckets and counts as ``features`` counts them, in one table:
    ``(text, bucket, count)`` rows sorted by text, then bucket."""
    if spec.punctuation == 0:
        texts = [" ".join(_PUNCT.sub(" ", text).split()) for text in texts]
    char_h, char_o = _chars(texts, spec)
    word_h, word_o = _words(texts, spec)
    hashes, owners = char_h + word_h, char_o + word_o
    if not hashes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    buckets = (_mix(np.concatenate(hashes)) >> np.uint64(64 - spec.bits)).astype(np.int64)
    keys, counts = counted(np.concatenate(owners) * spec.size + buckets)
    return keys // spec.size, keys % spec.size, counts


def unit_counts(texts: Sequence[str], spec: FeatureSpec) -> list[tuple[IntArray, IntArray]]:
    """Per text: its distinct buckets and how often each occurs, as ``features`` counts them."""
    rows, buckets, counts = bucket_table(texts, spec)
    bounds = np.searchsorted(rows, np.arange(len(texts) + 1))
    return [
        (buckets[bounds[i] : bounds[i + 1]], counts[bounds[i] : bounds[i + 1]])
        for i in range(len(texts))
    ]


__all__ = ["bucket_table", "unit_counts"]
