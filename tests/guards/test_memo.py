"""The cache of per-unit scan results: bounds, least-recently-used order, keys that separate
scopes and guards, a changed byte that misses, and no text kept."""

from __future__ import annotations

import sys
import tracemalloc

import pytest

from sai.guards import GuardContext
from sai.guards.injection import InjectionGuard
from sai.guards.injection._scored import SCORED_BYTES
from sai.guards.memo import ENTRY_OVERHEAD, FieldCache

OWNER = b"guard-a"


def _key(cache: FieldCache, text: str, scope: str = "key-1", owner: bytes = OWNER) -> bytes:
    memo = cache.scope(scope)
    assert memo is not None
    return memo.key(owner, b"", text)


class TestBounds:
    def test_the_least_recently_used_entry_goes_first(self) -> None:
        cache = FieldCache(entries=2)
        a, b, c = (_key(cache, text) for text in ("a", "b", "c"))
        cache.put(a, "A", 10)
        cache.put(b, "B", 10)
        assert cache.get(a) == "A"  # a is now the most recently used
        cache.put(c, "C", 10)
        assert (cache.get(a), cache.get(b), cache.get(c)) == ("A", None, "C")
        assert (len(cache), cache.evictions) == (2, 1)

    def test_the_byte_bound_holds(self) -> None:
        cost = 100 + ENTRY_OVERHEAD
        cache = FieldCache(entries=100, max_bytes=3 * cost)
        keys = [_key(cache, str(n)) for n in range(5)]
        for key in keys:
            cache.put(key, "x", 100)
        assert len(cache) == 3
        assert cache.bytes == 3 * cost
        assert [cache.get(key) for key in keys] == [None, None, "x", "x", "x"]

    def test_an_entry_larger_than_the_bound_is_not_kept(self) -> None:
        cache = FieldCache(entries=10, max_bytes=1000)
        cache.put(_key(cache, "big"), "x", 1000)
        assert len(cache) == 0
        assert cache.bytes == 0

    def test_clear_empties_it(self) -> None:
        cache = FieldCache()
        key = _key(cache, "a")
        cache.put(key, "A", 10)
        cache.clear()
        assert (len(cache), cache.bytes, cache.get(key)) == (0, 0, None)

    @pytest.mark.parametrize(("entries", "size"), [(0, 1000), (1000, 0)])
    def test_a_zero_bound_turns_it_off(self, entries: int, size: int) -> None:
        cache = FieldCache(entries=entries, max_bytes=size)
        assert not cache.enabled
        assert cache.scope("key-1") is None

    def test_negative_bounds_are_refused(self) -> None:
        with pytest.raises(ValueError, match="0 or more"):
            FieldCache(entries=-1)

    def test_counts_hits_and_misses(self) -> None:
        cache = FieldCache()
        key = _key(cache, "a")
        assert cache.get(key) is None
        cache.put(key, "A", 10)
        assert cache.get(key) == "A"
        assert (cache.hits, cache.misses) == (1, 1)


class TestKeys:
    def test_another_scope_misses(self) -> None:
        cache = FieldCache()
        cache.put(_key(cache, "same text", scope="key-1"), "A", 10)
        assert cache.get(_key(cache, "same text", scope="key-2")) is None
        assert cache.get(_key(cache, "same text", scope="key-1")) == "A"

    def test_another_guard_or_extra_misses(self) -> None:
        cache = FieldCache()
        memo = cache.scope("key-1")
        assert memo is not None
        keys = {
            memo.key(OWNER, b"", "text"),
            memo.key(b"guard-b", b"", "text"),
            memo.key(OWNER, b"((0, 4),)", "text"),
            # the length prefixes keep owner, extra and text apart
            memo.key(OWNER + b"t", b"", "ext"),
            memo.key(OWNER, b"t", "ext"),
        }
        assert len(keys) == 5

    def test_a_changed_byte_misses(self) -> None:
        cache = FieldCache()
        text = "Look up facts about a city by its name."
        cache.put(_key(cache, text), "A", 10)
        for i in range(len(text)):
            changed = text[:i] + chr(ord(text[i]) ^ 1) + text[i + 1 :]
            assert cache.get(_key(cache, changed)) is None
        assert cache.get(_key(cache, text + " ")) is None
        assert cache.get(_key(cache, text)) == "A"

    def test_lone_surrogates_have_keys(self) -> None:
        cache = FieldCache()
        assert _key(cache, "\ud800") != _key(cache, "\udc00")

    def test_the_digest_is_keyed_per_cache(self) -> None:
        # a random key per cache (per process): a digest says nothing without it
        assert _key(FieldCache(), "a") != _key(FieldCache(), "a")

    def test_no_text_is_kept(self) -> None:
        cache = FieldCache()
        secret = "sk-this-is-a-secret-0123456789"
        cache.put(_key(cache, secret), "verdict", 10)
        held = repr(cache._items)
        assert secret not in held
        assert all(isinstance(key, bytes) and len(key) == 16 for key in cache._items)


def test_the_injection_guards_entry_size_is_not_underestimated() -> None:
    """What one cached result of the injection guard takes, measured, within the estimate."""
    guard = InjectionGuard()
    cache = FieldCache(entries=10_000, max_bytes=1 << 30)
    texts = [f"What is the population of city number {n}?" for n in range(500)]
    for text in texts[:5]:  # warm: lazily built tables and interned strings
        guard.scan(text, GuardContext(memo=FieldCache().scope("w")))
    memo = cache.scope("k")
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for text in texts:
        guard.scan(text, GuardContext(memo=memo))
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(cache) == len(texts)
    per_entry = (after - before) / len(texts)
    assert per_entry <= SCORED_BYTES + ENTRY_OVERHEAD, per_entry
    assert sys.getsizeof(next(iter(cache._items))) <= 49
