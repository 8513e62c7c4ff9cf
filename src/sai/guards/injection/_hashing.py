"""The n-gram hashes of one text: character n-grams of the padded text, then word n-grams.

Character n-gram ``c0 .. c(n-1)`` hashes to ``c0 * P**(n-1) + ... + c(n-1) + n`` and word
n-grams to a rolling product of the words' CRC-32 (mod 2**64); :func:`_mix` spreads the bits
before the top ones pick a bucket. A short text is hashed from prefix sums (:class:`_Plan`),
a few numpy calls whatever the number of n-gram orders; a long one by rolling products
(``_rolling``). Both give the same integers.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

from sai.guards.injection._spec import FeatureSpec

_PRIME = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_WORDS = re.compile(r"\w+|[^\w\s]")
_WORDS_ONLY = re.compile(r"\w+")


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    values = values ^ (values >> np.uint64(30))
    values = values * _MIX1
    values = values ^ (values >> np.uint64(27))
    values = values * _MIX2
    return values ^ (values >> np.uint64(31))


def buckets_in_place(values: npt.NDArray[np.uint64], bits: int) -> None:
    """``_mix(values) >> (64 - bits)`` in place, without temporaries (the same integers).

    The mixer's last step XORs in the value shifted right by 31, whose top 31 bits are zero: a
    bucket of at most 31 bits is not changed by it, so the step is skipped then (two numpy calls
    of about ten per text).
    """
    shifted = np.empty_like(values)
    for shift, factor in _STEPS:
        np.right_shift(values, shift, out=shifted)
        np.bitwise_xor(values, shifted, out=values)
        np.multiply(values, factor, out=values)
    if bits > 31:
        np.right_shift(values, _S31, out=shifted)
        np.bitwise_xor(values, shifted, out=values)
    np.right_shift(values, _TOPS[bits], out=values)


def _constant(value: int) -> npt.NDArray[np.uint64]:
    """A 0-d uint64 array: a ufunc takes one at about half the cost of a numpy scalar."""
    return np.array(value, dtype=np.uint64)


_S30, _S27, _S31 = _constant(30), _constant(27), _constant(31)
_STEPS = ((_S30, _constant(int(_MIX1))), (_S27, _constant(int(_MIX2))))
#: The shift that keeps the top ``bits`` bits, for each number of bits.
_TOPS = [_constant(64 - bits) for bits in range(65)]
_WORD_TAG = np.uint64(1 << 40)
_MASK = (1 << 64) - 1
#: Texts up to this many characters (spaces of the padding included) are hashed through the
#: prefix sums of :class:`_Plan`; longer ones by the rolling products of ``_rolling``.
GATHERED = 1024


class _Plan:
    """Every character n-gram hash of a padded text up to ``GATHERED`` characters from its
    prefix sums, in a few numpy calls whatever the number of n-gram orders.

    ``P`` is odd, so it has an inverse ``Q`` modulo 2**64. With ``C[i] = c0 + c1 * Q + ... +
    c(i-1) * Q**(i-1)`` (``C[0] = 0``), the n-gram of codes ``a .. e-1`` hashes to
    ``P**(e-1) * (C[e] - C[a]) + n``: the rolling hash ``c(a) * P**(n-1) + ... + c(e-1) + n``
    that ``_rolling`` computes (mod 2**64). Row ``r`` holds ``e``, ``a``, ``P**(e-1)`` and
    ``n`` of one n-gram; rows go by end position, so those of a text of length ``L`` are the
    first ``ends[L]``.
    """

    def __init__(self, spec: FeatureSpec) -> None:
        orders = list(range(max(2, spec.char_min), spec.char_max + 1))
        prime = int(_PRIME)
        self.inverses = np.array(_powers(pow(prime, -1, 1 << 64), GATHERED), dtype=np.uint64)
        powers = _powers(prime, GATHERED)
        columns: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
        ends, starts, factors, kinds = columns
        self.ends = [0] * (GATHERED + 1)
        for end in range(GATHERED + 1):
            for n in orders:
                if end >= n:
                    ends.append(end)
                    starts.append(end - n)
                    factors.append(powers[end - 1])
                    kinds.append(n)
            self.ends[end] = len(ends)
        self.end = np.array(ends, dtype=np.intp)
        self.start = np.array(starts, dtype=np.intp)
        self.power = np.array(factors, dtype=np.uint64)
        self.order = np.array(kinds, dtype=np.uint64)
        self._cuts: dict[int, _Cut] = {}

    def cut(self, size: int) -> _Cut:
        """The inverse powers and rows of a padded text of ``size`` characters (views made
        once per size: slicing five arrays per text costs more than a dictionary look-up)."""
        found = self._cuts.get(size)
        if found is None:
            rows = self.ends[size]
            found = self._cuts[size] = (
                self.inverses[:size],
                self.end[:rows],
                self.start[:rows],
                self.power[:rows],
                self.order[:rows],
            )
        return found


def _powers(base: int, count: int) -> list[int]:
    """``base**0 .. base**(count - 1)`` modulo 2**64."""
    found, value = [], 1
    for _ in range(count):
        found.append(value)
        value = value * base & _MASK
    return found


#: A plan's arrays for one text size: inverse powers, then the rows' ends, starts, powers
#: and orders.
_Cut = tuple[
    npt.NDArray[np.uint64],
    npt.NDArray[np.intp],
    npt.NDArray[np.intp],
    npt.NDArray[np.uint64],
    npt.NDArray[np.uint64],
]
_PLANS: dict[tuple[int, int], _Plan] = {}


def _plan(spec: FeatureSpec) -> _Plan:
    key = (spec.char_min, spec.char_max)
    found = _PLANS.get(key)
    if found is None:
        found = _PLANS[key] = _Plan(spec)
    return found


def _tokens(text: str, spec: FeatureSpec) -> list[bytes]:
    """The words of ``text`` in UTF-8 (and its punctuation marks when ``spec`` makes them
    tokens). An ASCII text's ``\\w+`` runs are its runs of letters, digits and ``_``: one
    bytes translation and split find them without the regex engine."""
    if spec.punctuation != 1 and text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).split()
    found = (_WORDS if spec.punctuation == 1 else _WORDS_ONLY).findall(text)
    return [token.encode("utf-8") for token in found]


#: Every ASCII byte that ``\w`` does not match becomes a space; the rest stay.
_ASCII_WORDS = bytes(
    code if chr(code).isalnum() or chr(code) == "_" else 32 for code in range(128)
) + bytes(128)


def _word_hashes(tokens: list[bytes], spec: FeatureSpec) -> list[int]:
    """The word n-gram hashes of ``_rolling`` in Python integers (a few per text)."""
    unigrams = [zlib.crc32(token) + (1 << 40) for token in tokens]
    found, current = list(unigrams), unigrams
    prime = int(_PRIME)
    for n in range(2, spec.word_max + 1):
        if len(unigrams) < n:
            break
        offset = n << 44
        pairs = zip(current, unigrams[n - 1 :], strict=False)
        current = [(a * prime + b + offset) & _MASK for a, b in pairs]
        found.extend(current)
    return found


def hashes(text: str, spec: FeatureSpec) -> npt.NDArray[np.uint64]:
    """Every n-gram hash of ``text``: characters, then words (in no particular order)."""
    if len(text) + 2 > GATHERED or spec.char_max < 2:
        tokens = (_WORDS if spec.punctuation == 1 else _WORDS_ONLY).findall(text)
        return _rolling(text, tokens, spec)
    plan = _plan(spec)
    if text.isascii():  # the code points as bytes (a copy), not four bytes each
        codes = np.frombuffer(f" {text} ".encode("ascii"), dtype=np.uint8)
    else:
        codes = np.frombuffer(f" {text} ".encode("utf-32-le"), dtype=np.uint32)
    size = len(codes)
    inverses, ends, starts, powers, orders = plan.cut(size)
    sums = np.zeros(size + 1, dtype=np.uint64)  # the prefix sums C (wrapping mod 2**64)
    np.multiply(codes, inverses, out=sums[1:])
    np.add.accumulate(sums, out=sums)
    rows = len(ends)
    words = _word_hashes(_tokens(text, spec), spec)
    out = np.empty(rows + len(words), dtype=np.uint64)
    chars = out[:rows]
    # mode="clip" (the indices are in range): "raise" would gather into a copy of ``out``
    np.take(sums, ends, out=chars, mode="clip")
    chars -= sums.take(starts)
    chars *= powers
    chars += orders
    if words:
        out[rows:] = words
    return out


def _rolling(text: str, tokens: list[str], spec: FeatureSpec) -> npt.NDArray[np.uint64]:
    """Every n-gram hash of ``text`` (characters, then words) in one preallocated array."""
    codes = np.frombuffer(f" {text} ".encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
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


__all__ = ["GATHERED", "buckets_in_place", "hashes"]
