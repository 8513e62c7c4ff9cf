"""Digests: one read for hash and scan, large files hashed alongside the scan, and the
workspace's stat-keyed digest cache."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from benchmarks.corpus import build as b

from sai.scanning import ScanSettings, scan_file
from sai.scanning.digests import DigestCache, sha256_of

KEY = b"k" * 32


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
    settings = ScanSettings(digest_cache=cache)
    assert scan_file(path, settings).digest == "sha256:cached"
    path.write_bytes(b.proto(2, b"]."))  # same size, new content: new ctime
    fresh = scan_file(path, settings)
    assert fresh.digest == sha256_of(b.proto(2, b"]."))


def test_recently_changed_files_are_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    path.write_bytes(b.proto(2, b"}."))
    cache = DigestCache()
    scan_file(path, ScanSettings(digest_cache=cache))
    assert cache.entries == {}


def test_cache_round_trips_and_ignores_garbage(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    info = _aged(path, b.proto(2, b"}."))
    store = tmp_path / "cache" / "digests.json"
    cache = DigestCache.load(store, KEY)
    cache.racy_ns = 0
    cache.put(path, info, "sha256:abc")
    cache.save()
    assert DigestCache.load(store, KEY).get(path, info) == "sha256:abc"
    store.write_text("{not json")
    assert DigestCache.load(store, KEY).entries == {}


def test_cache_folder_is_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    info = _aged(path, b.proto(2, b"}."))
    cache = DigestCache.load(tmp_path / "cache" / "digests.json", KEY)
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


def _stored(tmp_path: Path) -> tuple[Path, os.stat_result, Path]:
    path = tmp_path / "m.pkl"
    info = _aged(path, b.proto(2, b"}."))
    store = tmp_path / "cache" / "digests.json"
    cache = DigestCache.load(store, KEY)
    cache.racy_ns = 0
    cache.put(path, info, "sha256:" + "a" * 64)
    cache.save()
    return path, info, store


def test_an_entry_edited_without_the_key_is_not_trusted(tmp_path: Path) -> None:
    path, info, store = _stored(tmp_path)
    store.write_bytes(store.read_bytes().replace(b"a" * 64, b"b" * 64))
    assert DigestCache.load(store, KEY).get(path, info) is None
    settings = ScanSettings(digest_cache=DigestCache.load(store, KEY))
    assert scan_file(path, settings).digest == sha256_of(b.proto(2, b"}."))


def test_a_cache_written_under_another_key_is_ignored(tmp_path: Path) -> None:
    path, info, store = _stored(tmp_path)
    assert DigestCache.load(store, b"other" * 8).entries == {}
    assert DigestCache.load(store, KEY).get(path, info) == "sha256:" + "a" * 64


def test_an_entry_counts_only_for_its_exact_stat_fields(tmp_path: Path) -> None:
    path, info, store = _stored(tmp_path)
    cache = DigestCache.load(store, KEY)
    for changed in ("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino", "st_dev"):
        fields = [
            info.st_mode,
            info.st_ino,
            info.st_dev,
            info.st_nlink,
            info.st_uid,
            info.st_gid,
            info.st_size,
            0,
            0,
            0,
        ]
        other = os.stat_result(
            fields, {"st_mtime_ns": info.st_mtime_ns, "st_ctime_ns": info.st_ctime_ns}
        )
        assert cache.get(path, other) == "sha256:" + "a" * 64  # the same fields: trusted
        bumped = {
            "st_ino": info.st_ino,
            "st_dev": info.st_dev,
            "st_size": info.st_size,
            "st_mtime_ns": info.st_mtime_ns,
            "st_ctime_ns": info.st_ctime_ns,
        }
        bumped[changed] += 10
        fields[1], fields[2], fields[6] = bumped["st_ino"], bumped["st_dev"], bumped["st_size"]
        moved = os.stat_result(
            fields, {"st_mtime_ns": bumped["st_mtime_ns"], "st_ctime_ns": bumped["st_ctime_ns"]}
        )
        assert cache.get(path, moved) is None, changed


def test_without_a_key_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    info = _aged(path, b.proto(2, b"}."))
    cache = DigestCache(tmp_path / "cache" / "digests.json", racy_ns=0)
    cache.put(path, info, "sha256:abc")
    cache.save()
    assert not (tmp_path / "cache").exists()


def test_a_forged_workspace_cache_does_not_reach_the_ledger(workspace_dir: Path) -> None:
    """Someone edits .sai/cache/scan-digests.json to claim another digest for an unchanged
    file: the next scan ignores the cache, hashes the file and records its true digest."""
    import time

    from sai.ledger import open_ledger
    from sai.scanning.service import DIGEST_CACHE, ScanRequest, run_scan
    from sai.workspace import open_workspace

    model = workspace_dir / "m.pkl"
    model.write_bytes(b.proto(2, b"}."))
    true = sha256_of(b.proto(2, b"}."))
    past = time.time_ns() - 10_000_000_000
    os.utime(model, ns=(past, past))  # NOTE: ctime stays recent: wait out the racy window
    time.sleep(2.1)
    run_scan(ScanRequest(paths=(model,), workspace=workspace_dir))
    store = workspace_dir / ".sai" / DIGEST_CACHE
    assert true.encode() in store.read_bytes()  # cached
    store.write_bytes(store.read_bytes().replace(true.encode(), b"sha256:" + b"0" * 64))
    run_scan(ScanRequest(paths=(model,), workspace=workspace_dir))
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        digests = [e.evidence.data["digest"] for e in ledger.query(kind="scan.result")]
    assert digests == [true, true]
