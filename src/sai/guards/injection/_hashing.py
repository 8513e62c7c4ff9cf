"""The n-gram hashes of one text: character n-grams of the padded text, then word n-grams.

Character n-gram ``c0 .. c(n-1)`` hashes to ``c0 * P**(n-1) + ... + c(n-1) + n`` and word
n-grams to a rolling product of the words' CRC-32 (mod 2**64); :func:`_mix` spreads the bits
before the top ones pick a bucket. A short text's character and word n-grams are hashed from
one array of prefix sums (:class:`_Plan`), a few numpy calls whatever the number of n-gram
orders; a long one's by rolling products (``_rolling``). Both give the same integers.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from struct import pack

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
    """``_mix(values) >> (64 - bits)`` in place, without temporaries (the same integers; the
    ``out`` arrays are passed by position, which numpy parses faster than the keyword).

    The mixer's last step XORs in the value shifted right by 31, whose top 31 bits are zero: a
    bucket of at most 31 bits is not changed by it, so the step is skipped then (two numpy calls
    of about ten per text).
    """
    shifted = np.empty(values.shape, values.dtype)  # np.empty_like dispatches in Python
    for shift, factor in _STEPS:
        np.right_shift(values, shift, shifted)
        np.bitwise_xor(values, shifted, values)
        np.multiply(values, factor, values)
    if bits > 31:
        np.right_shift(values, _S31, shifted)
        np.bitwise_xor(values, shifted, values)
    np.right_shift(values, _TOPS[bits], values)


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
    """Every n-gram hash of a padded text up to ``GATHERED`` characters from prefix sums, in
    a few numpy calls whatever the number of n-gram orders.

    ``P`` is odd, so it has an inverse ``Q`` modulo 2**64. With ``C[i] = c0 + c1 * Q + ... +
    c(i-1) * Q**(i-1)`` (``C[0] = 0``), the codes ``a .. e-1`` give ``P**(e-1) * (C[e] - C[a])
    = c(a) * P**(n-1) + ... + c(e-1)`` (mod 2**64). The codes are the padded text's code points
    followed by its words' CRC-32s: a character n-gram adds ``n`` to that sum, a word n-gram
    the constant that its words' tag (``2**40`` each) and the orders' offsets add to the
    rolling product of ``_rolling``. Character rows go by end position (those of a text of
    length ``L`` are the first ``ends[L]``), word rows by the end word (``word_ends[k]``).
    """

    def __init__(self, spec: FeatureSpec) -> None:
        orders = list(range(max(2, spec.char_min), spec.char_max + 1))
        prime = int(_PRIME)
        self.inverses = np.array(_powers(pow(prime, -1, 1 << 64), 2 * GATHERED), dtype=np.uint64)
        self.powers = np.array(_powers(prime, 2 * GATHERED), dtype=np.uint64)
        self.chars = _rows(orders, GATHERED, {n: n for n in orders})
        self.words = _rows(range(1, spec.word_max + 1) or [1], GATHERED, _word_constants(spec))
        self._cuts: dict[tuple[int, int], _Cut] = {}

    def cut(self, size: int, count: int) -> _Cut:
        """The inverse powers and the rows (ends and starts, powers, constants) of a padded
        text of ``size`` characters and ``count`` words, made once per size and count for the
        short texts the gateway scans."""
        found = self._cuts.get((size, count))
        if found is not None:
            return found
        (chars, char_added, char_ends), (words, word_added, word_ends) = self.chars, self.words
        rows, extra = char_ends[size], word_ends[count]
        pairs = np.empty((2, rows + extra), dtype=np.intp)
        pairs[:, :rows] = chars[:, :rows]
        np.add(words[:, :extra], size, out=pairs[:, rows:])
        powers = self.powers.take(pairs[0] - 1)
        constants = np.concatenate((char_added[:rows], word_added[:extra]))
        found = (self.inverses[: size + count], pairs, powers, constants)
        if size <= CACHED:
            if len(self._cuts) >= CUTS:
                self._cuts.clear()
            self._cuts[size, count] = found
        return found


def _rows(orders: Sequence[int], limit: int, constants: dict[int, int]) -> _Rows:
    """End and start (2 x rows) and constant of every n-gram of the ``orders`` ending at 1 ..
    ``limit``, and how many rows end at each."""
    pairs: tuple[list[int], list[int]] = ([], [])
    added: list[int] = []
    ends = [0] * (limit + 1)
    for end in range(limit + 1):
        for n in orders:
            if end >= n:
                pairs[0].append(end)
                pairs[1].append(end - n)
                added.append(constants[n])
        ends[end] = len(added)
    return np.array(pairs, dtype=np.intp), np.array(added, dtype=np.uint64), ends


def _word_constants(spec: FeatureSpec) -> dict[int, int]:
    """What ``_rolling`` adds to a word n-gram's rolling product of CRC-32s: each word's tag
    times its power of ``P``, and the offset ``m << 44`` of each order ``m`` reached."""
    prime, found, value = int(_PRIME), {}, 0
    for n in range(1, max(spec.word_max, 1) + 1):
        value = (value * prime + (1 << 40) + (n << 44 if n > 1 else 0)) & _MASK
        found[n] = value
    return found


def _powers(base: int, count: int) -> list[int]:
    """``base**0 .. base**(count - 1)`` modulo 2**64."""
    found, value = [], 1
    for _ in range(count):
        found.append(value)
        value = value * base & _MASK
    return found


#: A plan's arrays for one text: inverse powers, the rows' ends and starts (2 x rows), their
#: powers and constants.
_Cut = tuple[
    npt.NDArray[np.uint64],
    npt.NDArray[np.intp],
    npt.NDArray[np.uint64],
    npt.NDArray[np.uint64],
]
#: A table of rows: ends and starts (2 x rows), constants, how many rows end at each position.
_Rows = tuple[npt.NDArray[np.intp], npt.NDArray[np.uint64], list[int]]
_PLANS: dict[tuple[int, int, int], _Plan] = {}
#: Texts up to this many characters keep their plan's rows per size and word count (at most
#: ``CUTS`` of them, 32 bytes per n-gram: ~9 kB for 50 characters, under 40 kB each); longer
#: ones make them per text (about ten numpy calls).
CACHED = 160
CUTS = 128


def _plan(spec: FeatureSpec) -> _Plan:
    key = (spec.char_min, spec.char_max, spec.word_max)
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


def hashes(text: str, spec: FeatureSpec) -> npt.NDArray[np.uint64]:
    """Every n-gram hash of ``text``: characters, then words (in no particular order)."""
    if len(text) + 2 > GATHERED or spec.char_max < 2:
        tokens = (_WORDS if spec.punctuation == 1 else _WORDS_ONLY).findall(text)
        return _rolling(text, tokens, spec)
    words = _tokens(text, spec)
    crcs = pack(f"<{len(words)}I", *map(zlib.crc32, words))
    codes = np.frombuffer(f" {text} ".encode("utf-32-le") + crcs, dtype=np.uint32)
    inverses, pairs, powers, constants = _plan(spec).cut(len(text) + 2, len(words))
    sums = np.zeros(len(codes) + 1, dtype=np.uint64)  # the prefix sums C (wrapping mod 2**64)
    np.multiply(codes, inverses, sums[1:])
    np.add.accumulate(sums, out=sums)
    gathered = sums.take(pairs, mode="clip")  # the indices are in range
    found: npt.NDArray[np.uint64] = gathered[0]  # a view (unpacking raises IndexError to stop)
    np.subtract(found, gathered[1], found)
    found *= powers
    found += constants
    return found


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
