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
(a write in the same timestamp tick would be invisible).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sai.scanning._paths import Resolver

_CHUNK = 8 << 20
_RACY_NS = 2_000_000_000
_VERSION = 1


def sha256_of(data: memoryview | bytes) -> str:
    """``sha256:<hex>`` of ``data``, streamed in chunks."""
    hasher = hashlib.sha256()
    view = memoryview(data)
    for start in range(0, len(view), _CHUNK):
        hasher.update(view[start : start + _CHUNK])
    return "sha256:" + hasher.hexdigest()


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


def _key(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


@dataclass
class DigestCache:
    """Digests of files seen before, valid while their stat fields are unchanged."""

    path: Path | None = None
    entries: dict[str, tuple[list[int], str]] = field(default_factory=dict)
    changed: bool = False
    #: Files changed less than this long ago are not cached (same-tick writes are invisible).
    racy_ns: int = _RACY_NS
    #: Resolves the paths looked up (each folder once: keep a cache for one scan).
    resolver: Resolver = field(default_factory=Resolver, compare=False, repr=False)

    @classmethod
    def load(cls, path: Path) -> DigestCache:
        """The cache stored at ``path`` (empty when missing or unreadable)."""
        try:
            raw = json.loads(path.read_text("utf-8"))
            entries = {
                name: (list(value[0]), str(value[1]))
                for name, value in raw["entries"].items()
                if raw.get("version") == _VERSION
            }
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            entries = {}
        return cls(path, entries)

    def get(self, path: Path, info: os.stat_result) -> str | None:
        """The cached digest of ``path`` if the file is unchanged since it was stored."""
        entry = self.entries.get(str(self.resolver.resolve(path)))
        return entry[1] if entry is not None and entry[0] == _key(info) else None

    def put(self, path: Path, info: os.stat_result, digest: str) -> None:
        """Remember ``digest`` unless the file changed too recently to be trusted."""
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < self.racy_ns:
            return
        self.entries[str(self.resolver.resolve(path))] = (_key(info), digest)
        self.changed = True

    def save(self) -> None:
        """Write the cache back (atomically) if anything was added."""
        if self.path is None or not self.changed:
            return
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # private, as .sai/ is
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        document = {"version": _VERSION, "entries": self.entries}
        temporary.write_text(json.dumps(document, separators=(",", ":")), "utf-8")
        os.replace(temporary, self.path)
        self.changed = False


__all__ = ["BackgroundDigest", "DigestCache", "sha256_of"]
