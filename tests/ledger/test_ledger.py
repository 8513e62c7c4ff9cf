"""The persistent ledger: appends, reads, queries, proofs, roots and checkpoints."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sai.errors import VerificationError
from sai.ledger import (
    CheckpointError,
    InclusionProof,
    InconsistentTreeError,
    Ledger,
    LedgerError,
    MemoryTree,
    NoSuchEntryError,
    ProofError,
    TreeRangeError,
    inclusion_proof,
    leaf_hash,
    open_checkpoint,
    open_ledger,
    root_from_leaf_hashes,
    verify_consistency,
)
from sai.ledger.checkpoint import Checkpoint, sign_checkpoint
from sai.workspace import open_workspace
from tests.ledger.ledger_support import ORIGIN, T0, fill, item, make_ledger, new_signer, sqlite_url


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with make_ledger(sqlite_url(tmp_path), checkpoint_path=tmp_path / "latest") as made:
        yield made


@pytest.fixture(scope="module")
def log300(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ledger, list[bytes]]]:
    directory = tmp_path_factory.mktemp("log300")
    with make_ledger(sqlite_url(directory)) as made:
        refs = fill(made, 150, batch=37)
        refs += [made.append(item(n)) for n in range(150, 300)]
        yield made, [ref.leaf_hash for ref in refs]


def _sql(ledger: Ledger, statement: str, **params: object) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(sa.text(statement), params)


class TestAppend:
    def test_indices_are_consecutive_and_hashes_cover_the_leaf(self, ledger: Ledger) -> None:
        first = ledger.append(item(0))
        batch = ledger.append_many([item(1), item(2), item(3)])
        assert [first.index, *(ref.index for ref in batch)] == [0, 1, 2, 3]
        assert batch[1].leaf_hash == leaf_hash(item(2).leaf_bytes())
        assert ledger.size() == 4

    def test_empty_batch_appends_nothing(self, ledger: Ledger) -> None:
        assert ledger.append_many([]) == []
        assert ledger.size() == 0

    def test_only_evidence_is_accepted(self, ledger: Ledger) -> None:
        with pytest.raises(LedgerError, match="only append Evidence"):
            ledger.append_many([item(0), {"kind": "x"}])  # type: ignore[list-item]
        assert ledger.size() == 0

    def test_a_failed_batch_writes_nothing(self, ledger: Ledger) -> None:
        fill(ledger, 3)
        # A squatter row at the next index makes the insert fail half-way through the batch.
        _sql(
            ledger,
            "INSERT INTO ledger_entries (idx, leaf, leaf_hash, kind, subject, time) "
            "VALUES (4, x'00', x'00', 'k', 's', '2026-01-01 00:00:00.000000')",
        )
        with pytest.raises(sa.exc.IntegrityError):
            ledger.append_many([item(10), item(11), item(12)])
        assert ledger.size() == 3
        with ledger.engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT idx FROM ledger_entries ORDER BY idx")).all()
        assert [row[0] for row in stored] == [0, 1, 2, 4]
        _sql(ledger, "DELETE FROM ledger_entries WHERE idx = 4")
        assert [ref.index for ref in ledger.append_many([item(10), item(11)])] == [3, 4]
        assert ledger.verify().ok

    def test_refuses_to_build_a_tile_over_a_missing_entry(self, ledger: Ledger) -> None:
        fill(ledger, 200)
        _sql(ledger, "DELETE FROM ledger_entries WHERE idx = 10")
        with pytest.raises(InconsistentTreeError, match="lacks the hash of entry 10"):
            fill(ledger, 100, start=200)
        assert ledger.size() == 200

    def test_tile_nodes_are_stored_per_256_entries(self, ledger: Ledger) -> None:
        fill(ledger, 600, batch=97)
        with ledger.engine.connect() as conn:
            nodes = conn.execute(sa.text("SELECT level, idx FROM ledger_nodes")).all()
        assert sorted(nodes) == [(8, 0), (8, 1)]


class TestGet:
    def test_round_trip(self, ledger: Ledger) -> None:
        evidence = item(7, provisions=["5.2.1-1"], data={"text": "héllo", "list": [1, 2]})
        ref = ledger.append(evidence)
        entry = ledger.get(ref.index)
        assert entry.evidence == evidence
        assert entry.leaf_hash == ref.leaf_hash

    @pytest.mark.parametrize("index", [-1, 3, 10**12])
    def test_out_of_range(self, ledger: Ledger, index: int) -> None:
        fill(ledger, 3)
        with pytest.raises(NoSuchEntryError, match="ledger has 3 entries") as caught:
            ledger.get(index)
        assert isinstance(caught.value, IndexError)
        assert caught.value.exit_code == 2

    def test_a_tampered_leaf_is_refused(self, ledger: Ledger) -> None:
        fill(ledger, 2)
        _sql(ledger, "UPDATE ledger_entries SET leaf = x'7b7d' WHERE idx = 1")
        with pytest.raises(VerificationError, match="entry 1"):
            ledger.get(1)


class TestQuery:
    @pytest.fixture
    def filled(self, ledger: Ledger) -> Ledger:
        ledger.append_many(
            [
                item(0, kind="scan.result", subject="model-a", provisions=["5.2.3-1"]),
                item(1, kind="scan.started", subject="model-a"),
                item(2, kind="gateway.request", subject="model-b", provisions=["5.2.3-1"]),
                item(3, kind="scan_x.result", subject="model-b", provisions=["5.4.2-1"]),
                item(4, kind="scan.result", subject="model-b", provisions=["5.2.3-1", "5.4.2-1"]),
            ]
        )
        return ledger

    def _indices(self, ledger: Ledger, **filters: object) -> list[int]:
        return [entry.index for entry in ledger.query(**filters)]  # type: ignore[arg-type]

    def test_filters(self, filled: Ledger) -> None:
        assert self._indices(filled) == [0, 1, 2, 3, 4]
        assert self._indices(filled, kind="scan.result") == [0, 4]
        assert self._indices(filled, kind_prefix="scan.") == [0, 1, 4]
        assert self._indices(filled, kind_prefix="scan_") == [3]  # '_' is no wildcard
        assert self._indices(filled, subject="model-b") == [2, 3, 4]
        assert self._indices(filled, provision="5.2.3-1") == [0, 2, 4]
        assert self._indices(filled, provision="5.4.2-1", kind="scan.result") == [4]
        assert self._indices(filled, provision="5.1.1-1") == []

    def test_time_range_and_order(self, filled: Ledger) -> None:
        since, until = T0 + timedelta(seconds=1), T0 + timedelta(seconds=3)
        assert self._indices(filled, since=since, until=until) == [1, 2]
        assert self._indices(filled, since=since, limit=2, descending=True) == [4, 3]
        other_zone = since.astimezone(datetime.now().astimezone().tzinfo)
        assert self._indices(filled, since=other_zone) == [1, 2, 3, 4]

    def test_latest(self, filled: Ledger) -> None:
        latest = filled.latest(provision="5.2.3-1", subject="model-a")
        assert latest is not None
        assert latest.index == 0
        assert filled.latest(kind="nothing.here") is None
        newest = filled.latest()
        assert newest is not None
        assert newest.index == 4

    @pytest.mark.parametrize(
        "filters",
        [{"since": datetime(2026, 1, 1)}, {"limit": -1}, {"until": "2026-01-01"}],
    )
    def test_bad_filters(self, filled: Ledger, filters: dict[str, object]) -> None:
        with pytest.raises(TreeRangeError):
            filled.query(**filters)  # type: ignore[arg-type]


class TestProofs:
    @pytest.mark.parametrize("size", [1, 2, 3, 7, 255, 256, 257, 300])
    def test_every_inclusion_proof_verifies(
        self, log300: tuple[Ledger, list[bytes]], size: int
    ) -> None:
        ledger, hashes = log300
        root = ledger.root(size)
        reference = MemoryTree(hashes[:size])
        for index in range(size):
            proof = ledger.prove(index, size)
            assert proof.leaf_hash == hashes[index]
            proof.verify(root)
            assert proof.root() == root
            assert list(proof.hashes) == inclusion_proof(index, size, reference)

    def test_roots_at_every_size(self, log300: tuple[Ledger, list[bytes]]) -> None:
        ledger, hashes = log300
        for size in range(301):
            assert ledger.root(size) == root_from_leaf_hashes(hashes[:size])
        assert ledger.root() == root_from_leaf_hashes(hashes)

    def test_consistency_proofs_verify(self, log300: tuple[Ledger, list[bytes]]) -> None:
        ledger, _ = log300
        for old in (1, 2, 5, 128, 255, 256, 257, 299, 300):
            for new in (old, 256, 257, 300):
                if new < old:
                    continue
                proof = ledger.prove_consistency(old, new)
                verify_consistency(old, new, proof, ledger.root(old), ledger.root(new))
        assert ledger.prove_consistency(0) == ()

    def test_default_size_is_current(self, log300: tuple[Ledger, list[bytes]]) -> None:
        ledger, _ = log300
        assert ledger.prove(5).size == 300

    def test_out_of_range(self, log300: tuple[Ledger, list[bytes]]) -> None:
        ledger, _ = log300
        with pytest.raises(NoSuchEntryError):
            ledger.prove(300)
        with pytest.raises(NoSuchEntryError):
            ledger.prove(5, 5)
        with pytest.raises(TreeRangeError, match=r"outside 0\.\.300"):
            ledger.root(301)
        with pytest.raises(TreeRangeError):
            ledger.prove_consistency(10, 5)

    def test_proof_reads_are_logarithmic(
        self, log300: tuple[Ledger, list[bytes]], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from sai.ledger import _subtrees

        reads: list[tuple[object, ...]] = []
        real = _subtrees.raw_rows

        def counting(conn: sa.Connection, sql: str, params: tuple[object, ...] = ()) -> list:
            reads.append(params)
            return real(conn, sql, params)

        monkeypatch.setattr(_subtrees, "raw_rows", counting)
        ledger, _ = log300
        ledger.prove(3)
        # Leaf window [0, 256), leaf window [256, 300) for the right edge, level-8 window.
        assert 1 <= len(reads) <= 3, reads


class TestLargeTree:
    def test_two_tile_levels(self, tmp_path: Path) -> None:
        with make_ledger(sqlite_url(tmp_path)) as ledger:
            refs = fill(ledger, 65_536 + 300, batch=5000)
            hashes = [ref.leaf_hash for ref in refs]
            with ledger.engine.connect() as conn:
                levels = conn.execute(
                    sa.text("SELECT level, count(*) FROM ledger_nodes GROUP BY level")
                ).all()
            assert sorted(levels) == [(8, 257), (16, 1)]
            reference = MemoryTree(hashes)
            for size in (65_535, 65_536, 65_537, len(hashes)):
                root = ledger.root(size)
                assert root == root_from_leaf_hashes(hashes[:size])
                for index in (0, 255, 256, 65_535, size - 1):
                    if index < size:
                        ledger.prove(index, size).verify(root)
            assert ledger.root() == reference.root()
            assert ledger.verify().ok


class TestInclusionProofJson:
    def test_round_trip(self, log300: tuple[Ledger, list[bytes]]) -> None:
        ledger, _ = log300
        proof = ledger.prove(17, 200)
        assert InclusionProof.from_json(proof.to_json()) == proof

    @pytest.mark.parametrize(
        "mutate",
        [
            lambda d: d.pop("hashes"),
            lambda d: d.update(index=-1),
            lambda d: d.update(size="3"),
            lambda d: d.update(leaf_hash="AAAA"),
            lambda d: d.update(leaf_hash="not base64!"),
            lambda d: d.update(hashes="abc"),
            lambda d: d["hashes"].append(None),
        ],
    )
    def test_malformed(self, log300: tuple[Ledger, list[bytes]], mutate: object) -> None:
        ledger, _ = log300
        data = ledger.prove(17, 200).to_json()
        mutate(data)  # type: ignore[operator]
        with pytest.raises(ProofError):
            InclusionProof.from_json(data)

    @given(
        st.recursive(
            st.none() | st.integers() | st.text(),
            lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        )
    )
    def test_arbitrary_json_never_crashes(self, value: object) -> None:
        with contextlib.suppress(ProofError):
            InclusionProof.from_json(value)


class TestCheckpoints:
    def test_round_trip(self, ledger: Ledger, tmp_path: Path) -> None:
        assert ledger.latest_checkpoint() is None
        fill(ledger, 10)
        signed = ledger.checkpoint()
        opened = open_checkpoint(signed.to_bytes(), [ledger.verifier], origin=ORIGIN)
        assert (opened.checkpoint.size, opened.checkpoint.root) == (10, ledger.root())
        assert ledger.latest_checkpoint() == signed
        assert (tmp_path / "latest").read_bytes() == signed.to_bytes()
        fill(ledger, 5, start=10)
        second = ledger.checkpoint()
        assert second.checkpoint.size == 15
        assert ledger.latest_checkpoint() == second
        assert ledger.checkpoint() == ledger.checkpoint()  # same head, same note

    def test_empty_log(self, ledger: Ledger) -> None:
        assert ledger.checkpoint().checkpoint.size == 0

    def test_refuses_after_a_node_was_tampered(self, ledger: Ledger) -> None:
        fill(ledger, 300)
        ledger.checkpoint()
        _sql(ledger, "UPDATE ledger_nodes SET hash = :h WHERE level = 8 AND idx = 0", h=b"\1" * 32)
        fill(ledger, 20, start=300)
        with pytest.raises(InconsistentTreeError, match="not consistent"):
            ledger.checkpoint()
        assert ledger.latest_checkpoint().checkpoint.size == 300  # type: ignore[union-attr]

    def test_refuses_a_rewritten_tail_of_the_same_size(self, ledger: Ledger) -> None:
        fill(ledger, 10)
        ledger.checkpoint()
        _sql(ledger, "DELETE FROM ledger_entries WHERE idx >= 5")
        _sql(ledger, "UPDATE ledger_head SET size = 5")
        with pytest.raises(InconsistentTreeError, match="entries were removed"):
            ledger.checkpoint()
        ledger.append_many([item(n, subject="forged") for n in range(5)])
        with pytest.raises(InconsistentTreeError, match="different root"):
            ledger.checkpoint()

    def test_refuses_a_stored_checkpoint_by_another_key(self, ledger: Ledger) -> None:
        fill(ledger, 4)
        forged = sign_checkpoint(Checkpoint(ORIGIN, 4, ledger.root()), new_signer())
        _sql(
            ledger,
            "INSERT INTO ledger_checkpoints (size, root, note, created_at) "
            "VALUES (4, :root, :note, '2026-01-01 00:00:00.000000')",
            root=ledger.root(),
            note=forged.to_bytes(),
        )
        with pytest.raises(CheckpointError, match="not signed by a trusted key"):
            ledger.checkpoint()
        with pytest.raises(CheckpointError):
            ledger.latest_checkpoint()

    def test_read_only_ledger_cannot_sign(self, ledger: Ledger) -> None:
        reader = Ledger(ledger.engine, signer=None, origin=ORIGIN, verifier=ledger.verifier)
        with pytest.raises(LedgerError, match="read-only"):
            reader.checkpoint()
        with pytest.raises(LedgerError, match="signer or a verifier"):
            Ledger(ledger.engine, signer=None, origin=ORIGIN)


class TestOpenLedger:
    def test_workspace_ledger(self, workspace_dir: Path) -> None:
        workspace = open_workspace(workspace_dir)
        with open_ledger(workspace) as ledger:
            ledger.append(item(1))
            signed = ledger.checkpoint()
        assert (workspace.checkpoints_dir / "latest").read_bytes() == signed.to_bytes()
        assert (workspace.sai_dir / "ledger.db").is_file()
        with open_ledger(workspace, read_only=True) as reader:
            assert reader.size() == 1
            assert reader.latest_checkpoint() == signed
            assert reader.verify().ok

    def test_explicit_url(self, workspace_dir: Path, tmp_path: Path) -> None:
        workspace = open_workspace(workspace_dir)
        with open_ledger(workspace, url=sqlite_url(tmp_path)) as ledger:
            ledger.append(item(1))
        assert (tmp_path / "ledger.db").is_file()
        assert not (workspace.sai_dir / "ledger.db").exists()


@pytest.mark.services
class TestPostgres:
    def test_the_same_behaviour(self, postgres_url: str) -> None:
        with make_ledger(postgres_url) as ledger:
            refs = fill(ledger, 150, batch=37) + [ledger.append(item(n)) for n in range(150, 300)]
            hashes = [ref.leaf_hash for ref in refs]
            for size in (1, 255, 256, 257, 300):
                root = ledger.root(size)
                assert root == root_from_leaf_hashes(hashes[:size])
                for index in range(0, size, 7):
                    ledger.prove(index, size).verify(root)
            ledger.append(item(5, kind="scan.result", provisions=["5.2.3-1"]))
            latest = ledger.latest(provision="5.2.3-1", kind_prefix="scan.")
            assert latest is not None
            assert latest.index == 300
            assert len(ledger.query(since=T0 + timedelta(seconds=290))) == 10
            ledger.checkpoint()
            fill(ledger, 10, start=301)
            assert ledger.checkpoint().checkpoint.size == 311
            assert ledger.verify().ok
