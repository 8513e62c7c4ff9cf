"""Hashing: digests match hashlib and model-signing, symlink policy, bad files, changes mid-read."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from sai.inventory._walk import collect_files
from sai.inventory.errors import HashingError
from sai.inventory.hashing import HashAlgorithm, HashOptions, hash_tree, item_sort_key


def _tree(root: Path) -> Path:
    (root / "m" / "d").mkdir(parents=True)
    (root / "m" / "big.bin").write_bytes(os.urandom(300_000))
    (root / "m" / "a.txt").write_text("a")
    (root / "m" / "d" / "b.txt").write_text("b")
    (root / "m" / "empty").write_bytes(b"")
    (root / "m" / ".git").mkdir()
    (root / "m" / ".git" / "HEAD").write_text("ref")
    return root / "m"


class TestDigests:
    def test_each_file_matches_hashlib_and_git_is_ignored(self, tmp_path: Path) -> None:
        model = _tree(tmp_path)
        tree = hash_tree(model, HashOptions(workers=2, chunk_size=4096))
        expected = {
            p.relative_to(model).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in model.rglob("*")
            if p.is_file() and ".git" not in p.parts
        }
        assert tree.digests() == expected
        assert tree.total_bytes == 300_002

    def test_order_is_by_path_components(self) -> None:
        names = ["a.txt", "a/b", "a:0:5"]
        assert sorted(names, key=item_sort_key) == ["a:0:5", "a/b", "a.txt"]

    def test_root_digest_equals_model_signing(self, tmp_path: Path) -> None:
        from model_signing import hashing
        from model_signing._signing.signing import Payload

        model = _tree(tmp_path)
        for options, config in (
            (HashOptions(), hashing.Config()),
            (
                HashOptions(shard_size=100_000),
                hashing.Config().use_shard_serialization(shard_size=100_000),
            ),
            (
                HashOptions(algorithm=HashAlgorithm.blake3),
                hashing.Config().use_file_serialization(hashing_algorithm="blake3"),
            ),
        ):
            theirs = Payload(config.hash(model)).statement.pb.subject[0].digest["sha256"]
            assert hash_tree(model, options).root_digest == theirs

    def test_shards_cover_the_file(self, tmp_path: Path) -> None:
        model = _tree(tmp_path)
        tree = hash_tree(model, HashOptions(shard_size=100_000))
        shards = [i for i in tree.items if i.name.startswith("big.bin:")]
        assert [s.name for s in shards] == [
            "big.bin:0:100000",
            "big.bin:100000:200000",
            "big.bin:200000:300000",
        ]
        assert not any(i.name.startswith("empty") for i in tree.items)

    def test_blake2b(self, tmp_path: Path) -> None:
        (tmp_path / "f").write_bytes(b"xyz")
        tree = hash_tree(tmp_path / "f", HashOptions(algorithm=HashAlgorithm.blake2b))
        assert tree.items[0].digest == hashlib.blake2b(b"xyz").hexdigest()
        assert tree.items[0].name == "."


class TestSymlinks:
    def test_link_inside_is_followed(self, tmp_path: Path) -> None:
        model = _tree(tmp_path)
        (model / "alias").symlink_to(model / "a.txt")
        tree = hash_tree(model)
        assert tree.digests()["alias"] == tree.digests()["a.txt"]
        assert tree.allow_symlinks

    def test_link_leaving_the_folder_is_refused_with_the_setting_named(
        self, tmp_path: Path
    ) -> None:
        model = _tree(tmp_path)
        (tmp_path / "secret").write_text("outside")
        (model / "escape").symlink_to(tmp_path / "secret")
        with pytest.raises(HashingError) as caught:
            hash_tree(model)
        assert "outside the model folder" in caught.value.message
        assert "--unsafe-follow-external-symlinks" in (caught.value.hint or "")
        tree = hash_tree(model, HashOptions(unsafe_follow_external_symlinks=True))
        assert "escape" in tree.digests()

    def test_broken_link_is_an_error(self, tmp_path: Path) -> None:
        model = _tree(tmp_path)
        (model / "dangling").symlink_to(tmp_path / "nowhere")
        with pytest.raises(HashingError, match="broken"):
            collect_files(model)


class TestBadFiles:
    def test_fifo_is_refused(self, tmp_path: Path) -> None:
        model = _tree(tmp_path)
        os.mkfifo(model / "pipe")
        with pytest.raises(HashingError, match="special file"):
            hash_tree(model)

    def test_unreadable_file_is_named(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        model = _tree(tmp_path)
        real_open = Path.open

        def deny(self: Path, *args: object, **kwargs: object) -> object:
            if self.name == "a.txt":
                raise PermissionError(13, "Permission denied")
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", deny)
        with pytest.raises(HashingError, match=r"a\.txt: cannot read \(Permission denied\)"):
            hash_tree(model)

    def test_missing_root(self, tmp_path: Path) -> None:
        with pytest.raises(HashingError, match="cannot read"):
            hash_tree(tmp_path / "absent")

    def test_file_changed_while_hashed_is_detected(self, tmp_path: Path) -> None:
        model = _tree(tmp_path)
        target = model / "big.bin"

        def grow(_: int) -> None:
            with target.open("ab") as handle:
                handle.write(b"!")

        with pytest.raises(HashingError, match="changed while being hashed"):
            hash_tree(model, HashOptions(workers=1, chunk_size=65536), progress=grow)
