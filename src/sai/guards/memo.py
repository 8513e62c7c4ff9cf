"""A bounded cache of per-field scan results, keyed by a keyed digest of the field's text.

Chat clients send a conversation's system prompt, tool definitions and earlier turns again
with every request; only the new turn is new. A guard whose result on a field depends on
nothing but the field's text and the guard's own configuration (the injection guard, which
reads each field of a request on its own) can reuse what it found the last time it saw the
same text. The cache holds no text: an entry is found by a BLAKE2b digest keyed with a random
per-process secret, over the scope (the API key id, so one client cannot learn by timing
whether another sent a text), the guard's identity (its settings and loaded models), what
else the result depends on (the field's data marks) and the text.

It is a least-recently-used map bounded by entries and by (estimated) bytes; the gateway
owns one per `GuardRunner`, so a new guard configuration or model starts empty.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from hashlib import blake2b

#: Entries kept by default (a few hundred bytes each: the result, not the text).
DEFAULT_ENTRIES = 50_000
#: Bytes the entries may take by default (estimated; see `FieldCache.put`).
DEFAULT_BYTES = 32 * 1024 * 1024
#: What the map itself costs per entry beyond the value: the 16-byte digest as a bytes object,
#: the ordered dict's slot and link, the (value, size) pair.
ENTRY_OVERHEAD = 260


class FieldCache:
    """Scan results by keyed digest, least recently used first out; thread-safe."""

    def __init__(self, entries: int = DEFAULT_ENTRIES, max_bytes: int = DEFAULT_BYTES) -> None:
        if entries < 0 or max_bytes < 0:
            raise ValueError("cache bounds must be 0 or more")
        self.max_entries = entries
        self.max_bytes = max_bytes
        self._secret = os.urandom(32)
        self._items: OrderedDict[bytes, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self.evictions = 0

    @property
    def enabled(self) -> bool:
        """Whether anything can be kept (both bounds above zero)."""
        return self.max_entries > 0 and self.max_bytes > 0

    def __len__(self) -> int:
        return len(self._items)

    def scope(self, scope: str) -> FieldMemo | None:
        """A handle for the requests of ``scope`` (an API key id); None when disabled."""
        return FieldMemo(self, scope) if self.enabled else None

    def hasher(self, scope: str) -> blake2b:
        """A keyed BLAKE2b already fed with ``scope`` (length-prefixed)."""
        digest = blake2b(key=self._secret, digest_size=16)
        raw = scope.encode("utf-8", "surrogatepass")
        digest.update(len(raw).to_bytes(4, "big") + raw)
        return digest

    def get(self, key: bytes) -> object | None:
        """The value stored under ``key`` (now the most recently used), or None."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: bytes, value: object, size: int) -> None:
        """Keep ``value`` under ``key``; ``size`` is its estimated bytes (the map's own
        overhead is added); the least recently used entries go until both bounds hold."""
        cost = size + ENTRY_OVERHEAD
        if not self.enabled or cost > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (value, cost)
            self.bytes += cost
            while len(self._items) > self.max_entries or self.bytes > self.max_bytes:
                _, (_, gone) = self._items.popitem(last=False)
                self.bytes -= gone
                self.evictions += 1

    def clear(self) -> None:
        """Forget every entry (counters stay)."""
        with self._lock:
            self._items.clear()
            self.bytes = 0


class FieldMemo:
    """One scope's view of a `FieldCache`: keys for (guard, extra, text) within the scope."""

    __slots__ = ("_base", "cache")

    def __init__(self, cache: FieldCache, scope: str) -> None:
        self.cache = cache
        self._base = cache.hasher(scope)

    def key(self, owner: bytes, extra: bytes, text: str) -> bytes:
        """The digest of ``text`` for the guard identified by ``owner`` with ``extra``
        (whatever else its result depends on), within this scope."""
        digest = self._base.copy()
        digest.update(len(owner).to_bytes(4, "big") + owner)
        digest.update(len(extra).to_bytes(4, "big") + extra)
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get(self, key: bytes) -> object | None:
        """The cached value under ``key``, or None."""
        return self.cache.get(key)

    def put(self, key: bytes, value: object, size: int) -> None:
        """Cache ``value`` (of about ``size`` bytes) under ``key``."""
        self.cache.put(key, value, size)


__all__ = ["DEFAULT_BYTES", "DEFAULT_ENTRIES", "ENTRY_OVERHEAD", "FieldCache", "FieldMemo"]
