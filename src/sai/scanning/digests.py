"""File digests for scan evidence: one read that feeds both the hash and the scanner, and a
per-workspace cache of digests keyed by what the file system says about the file.

Small files are read once into memory; the scanner and SHA-256 use the same bytes. Large
files are memory-mapped; SHA-256 streams over the mapping in a second thread (hashlib releases
the interpreter lock) while the scanner reads only what it needs, so the scan costs the
longer of the two instead of their sum.

The cache (``.sai/cache/scan-digests.json``) maps a path to its digest together with the
file's size, modification and change times (nanoseconds), inode and device. A file changed in
any way gets a new change time, so an entry that still matches names the same content; like
git's index, an entry written within two seconds of the file's last change is not trusted
(a write in the same timestamp tick would be invisible). The file carries an HMAC-SHA256 of
its entries under a key only the workspace's signing key yields (`_cachekey`): a cache edited
by anyone without that key, or merely corrupt, is ignored and every file is hashed again, so
no digest the scan did not compute reaches the ledger.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
import time
from pathlib import Path

from sai._record import Record
from sai.scanning._paths import Resolver

_CHUNK = 8 << 20
_RACY_NS = 2_000_000_000
_VERSION = 2
#: The label of the cache's MAC key (`sai.scanning._cachekey.cache_key`).
MAC_LABEL = b"sai scan-digests cache v2\x00"


def sha256_of(data: memoryview | bytes) -> str:
    """``sha256:<hex>`` of ``data``, streamed in chunks."""
    hasher = hashlib.sha256()
    view = memoryview(data)
    for start in range(0, len(view), _CHUNK):
        hasher.update(view[start : start + _CHUNK])
    return "sha256:" + hasher.hexdigest()


def read_all(handle: int, size: int) -> bytes:
    """A file's bytes to its end, from its descriptor (``size``: what ``fstat`` said; the file
    may have grown since). Plain ``os.read``: a buffered file object costs more than scanning
    a small pickle."""
    parts = [os.read(handle, size + 1)]
    while parts[-1]:
        parts.append(os.read(handle, _CHUNK))
    return parts[0] if len(parts) <= 2 else b"".join(parts)


class BackgroundDigest:
    """SHA-256 of a buffer computed in a thread while the caller scans the same buffer."""

    def __init__(self, data: memoryview) -> None:
        self._result = ""
        self._thread = threading.Thread(target=self._run, args=(data,), daemon=True)
        self._thread.start()

    def _run(self, data: memoryview) -> None:
        self._result = sha256_of(data)

    def result(self) -> str:
        """Wait for the digest and return it."""
        self._thread.join()
        return self._result


def _key(info: os.stat_result) -> str:
    """The stat fields an entry is valid for, as the prefix of the stored entry."""
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino} {info.st_dev} "


def _mac(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


class DigestCache(Record):
    """Digests of files seen before, valid while their stat fields are unchanged.

    ``entries`` maps a resolved path to its stat fields and digest (``"SIZE MTIME CTIME INODE
    DEVICE sha256:..."``). ``key`` authenticates the stored file: without one, nothing is
    read or written (the cache lives for one scan)."""

    __slots__ = ("changed", "entries", "key", "path", "racy_ns", "resolver")
    _uncompared = ("resolver",)
    _unshown = ("resolver", "key")
    path: Path | None
    entries: dict[str, str]
    changed: bool
    #: Files changed less than this long ago are not cached (same-tick writes are invisible).
    racy_ns: int
    #: Resolves the paths looked up (each folder once: keep a cache for one scan).
    resolver: Resolver
    key: bytes | None

    def __init__(
        self,
        path: Path | None = None,
        entries: dict[str, str] | None = None,
        changed: bool = False,
        racy_ns: int = _RACY_NS,
        resolver: Resolver | None = None,
        key: bytes | None = None,
    ) -> None:
        self.path = path
        self.entries = {} if entries is None else entries
        self.changed = changed
        self.racy_ns = racy_ns
        self.resolver = Resolver() if resolver is None else resolver
        self.key = key

    @classmethod
    def load(cls, path: Path, key: bytes) -> DigestCache:
        """The cache stored at ``path`` (empty when missing, unreadable or not authentic)."""
        entries: dict[str, str] = {}
        try:
            head, _, body = path.read_bytes().partition(b"\n")
            stated = json.loads(head)
            authentic = hmac.compare_digest(str(stated["mac"]), _mac(key, body))
            if stated["version"] == _VERSION and authentic:
                found = json.loads(body)
                if isinstance(found, dict) and all(type(v) is str for v in found.values()):
                    entries = found
        except (OSError, ValueError, KeyError, TypeError):
            entries = {}
        return cls(path, entries, key=key)

    def get(self, path: str | os.PathLike[str], info: os.stat_result) -> str | None:
        """The cached digest of ``path`` if the file is unchanged since it was stored."""
        entry = self.entries.get(self.resolver.text(path))
        if entry is None:
            return None
        fields = _key(info)
        return entry[len(fields) :] if entry.startswith(fields) else None

    def put(self, path: str | os.PathLike[str], info: os.stat_result, digest: str) -> None:
        """Remember ``digest`` unless the file changed too recently to be trusted."""
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < self.racy_ns:
            return
        self.entries[self.resolver.text(path)] = _key(info) + digest
        self.changed = True

    def save(self) -> None:
        """Write the cache back (atomically) if anything was added."""
        if self.path is None or self.key is None or not self.changed:
            return
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # private, as .sai/ is
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        body = json.dumps(self.entries, separators=(",", ":")).encode("utf-8")
        head = json.dumps({"version": _VERSION, "mac": _mac(self.key, body)}).encode("ascii")
        temporary.write_bytes(head + b"\n" + body)
        os.replace(temporary, self.path)
        self.changed = False


__all__ = ["MAC_LABEL", "BackgroundDigest", "DigestCache", "read_all", "sha256_of"]
