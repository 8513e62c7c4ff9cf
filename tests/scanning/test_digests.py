"""Digests: one read for hash and scan, large files hashed alongside the scan, and the
workspace's stat-keyed digest cache."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from benchmarks.corpus import build as b

from sai.scanning import ScanSettings, scan_file
from sai.scanning.digests import DigestCache, sha256_of


def _aged(path: Path, data: bytes) -> os.stat_result:
    path.write_bytes(data)
    return path.stat()


def test_large_files_get_the_same_digest_from_the_background_thread(tmp_path: Path) -> None:
    data = b.torch_zip(b.torch_state_dict_pickle({"w": (2,)}), {"0": os.urandom(3 << 20)})
    path = tmp_path / "m.pt"
    path.write_bytes(data)
    result = scan_file(path, ScanSettings())
    assert result.digest == "sha256:" + hashlib.sha256(data).hexdigest()
    assert sha256_of(data) == result.digest


def test_cache_entry_is_used_while_the_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    info = _aged(path, b.proto(2, b"}."))
    cache = DigestCache(racy_ns=0)
    cache.put(path, info, "sha256:cached")
    settings = replace(ScanSettings(), digest_cache=cache)
    assert scan_file(path, settings).digest == "sha256:cached"
    path.write_bytes(b.proto(2, b"]."))  # same size, new content: new ctime
    fresh = scan_file(path, settings)
    assert fresh.digest == sha256_of(b.proto(2, b"]."))


def test_recently_changed_files_are_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    path.write_bytes(b.proto(2, b"}."))
    cache = DigestCache()
    scan_file(path, replace(ScanSettings(), digest_cache=cache))
    assert cache.entries == {}


def test_cache_round_trips_and_ignores_garbage(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    info = _aged(path, b.proto(2, b"}."))
    store = tmp_path / "cache" / "digests.json"
    cache = DigestCache.load(store)
    cache.racy_ns = 0
    cache.put(path, info, "sha256:abc")
    cache.save()
    assert DigestCache.load(store).get(path, info) == "sha256:abc"
    store.write_text("{not json")
    assert DigestCache.load(store).entries == {}


def test_cache_folder_is_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    info = _aged(path, b.proto(2, b"}."))
    cache = DigestCache.load(tmp_path / "cache" / "digests.json")
    cache.racy_ns = 0
    cache.put(path, info, "sha256:abc")
    previous = os.umask(0)
    try:
        cache.save()
    finally:
        os.umask(previous)
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700


def test_entries_of_files_in_one_folder_are_kept_apart(tmp_path: Path) -> None:
    cache = DigestCache(racy_ns=0)
    infos = {}
    for name in ("a.pkl", "b.pkl"):
        infos[name] = _aged(tmp_path / name, name.encode())
        cache.put(tmp_path / name, infos[name], f"sha256:{name}")
    assert cache.get(tmp_path / "a.pkl", infos["a.pkl"]) == "sha256:a.pkl"
    assert cache.get(tmp_path / "b.pkl", infos["b.pkl"]) == "sha256:b.pkl"
    assert cache.get(tmp_path / "c.pkl", infos["a.pkl"]) is None
