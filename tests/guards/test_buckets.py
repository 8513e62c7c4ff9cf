"""The in-place bucket step gives the buckets of the reference mixer for every width."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from sai.guards.injection._hashing import _mix, buckets_in_place

_WORDS = st.lists(st.integers(min_value=0, max_value=(1 << 64) - 1), min_size=1, max_size=50)


@given(values=_WORDS, bits=st.integers(min_value=1, max_value=63))
def test_buckets_are_the_mixers_top_bits(values: list[int], bits: int) -> None:
    array = np.array(values, dtype=np.uint64)
    expected = _mix(array) >> np.uint64(64 - bits)
    buckets_in_place(array, bits)
    assert array.tolist() == expected.tolist()


def test_extreme_words_at_the_shipped_width() -> None:
    # all-ones and single high bits exercise the skipped step's shifted-in bits
    values = [(1 << 64) - 1, 1 << 63, 1 << 33, (1 << 31) - 1, 0, 0x9E3779B97F4A7C15]
    array = np.array(values, dtype=np.uint64)
    expected = _mix(array) >> np.uint64(44)
    buckets_in_place(array, 20)
    assert array.tolist() == expected.tolist()
