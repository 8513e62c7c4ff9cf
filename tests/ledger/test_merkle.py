"""The Merkle tree: hashing, perfect-subtree decomposition, proofs, verifiers, frontier."""

from __future__ import annotations

import hashlib
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.ledger import (
    CompactRange,
    MemoryTree,
    ProofError,
    TreeRangeError,
    consistency_proof,
    consistency_proof_nodes,
    empty_root,
    inclusion_proof,
    inclusion_proof_nodes,
    leaf_hash,
    node_hash,
    perfect_subtrees,
    root_at,
    root_from_inclusion_proof,
    root_from_leaf_hashes,
    subtree_root,
    verify_consistency,
    verify_inclusion,
)
from sai.ledger.merkle import consistency_proof_length, inclusion_proof_length

MAX_SIZE = 3000
LEAVES = [leaf_hash(i.to_bytes(4, "big")) for i in range(MAX_SIZE)]


@cache
def full_tree() -> MemoryTree:
    return MemoryTree(LEAVES)


def flip(value: bytes, bit: int) -> bytes:
    bit %= len(value) * 8
    out = bytearray(value)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


class FakeSource:
    """A tree of any size whose perfect subtrees have made-up hashes; counts look-ups."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def perfect(self, level: int, index: int) -> bytes:
        self.calls.append((level, index))
        return hashlib.sha256(f"{level}/{index}".encode()).digest()


class TestHashing:
    def test_leaf_and_node_hashes_are_domain_separated(self) -> None:
        assert leaf_hash(b"") == hashlib.sha256(b"\x00").digest()
        assert (
            node_hash(b"a" * 32, b"b" * 32)
            == hashlib.sha256(b"\x01" + b"a" * 32 + b"b" * 32).digest()
        )
        assert empty_root().hex() == hashlib.sha256(b"").hexdigest()

    def test_root_of_one_leaf_is_its_hash(self) -> None:
        assert root_from_leaf_hashes([LEAVES[0]]) == LEAVES[0]

    def test_root_of_three_leaves_splits_at_two(self) -> None:
        expected = node_hash(node_hash(LEAVES[0], LEAVES[1]), LEAVES[2])
        assert root_from_leaf_hashes(LEAVES[:3]) == expected


class TestPerfectSubtrees:
    @pytest.mark.parametrize(
        ("start", "end", "pieces"),
        [
            (0, 1, [(0, 0)]),
            (0, 7, [(2, 0), (1, 2), (0, 6)]),
            (4, 7, [(1, 2), (0, 6)]),
            (8, 16, [(3, 1)]),
            (0, 13, [(3, 0), (2, 2), (0, 12)]),
        ],
    )
    def test_decomposition(self, start: int, end: int, pieces: list[tuple[int, int]]) -> None:
        assert perfect_subtrees(start, end) == pieces

    @pytest.mark.parametrize(("start", "end"), [(3, 3), (5, 2), (1, 4), (2, 5), (-1, 2)])
    def test_ranges_rfc_9162_never_builds_are_refused(self, start: int, end: int) -> None:
        with pytest.raises(TreeRangeError):
            perfect_subtrees(start, end)

    @given(size=st.integers(1, MAX_SIZE))
    def test_fold_of_pieces_is_the_root(self, size: int) -> None:
        assert subtree_root(0, size, full_tree()) == root_from_leaf_hashes(LEAVES[:size])


class TestCompactRange:
    def test_root_matches_every_size(self) -> None:
        frontier = CompactRange()
        assert frontier.root() == empty_root()
        for size in range(1, 600):
            frontier.append(LEAVES[size - 1])
            assert frontier.size == size
            assert len(frontier.hashes()) == size.bit_count()
            assert frontier.root() == root_from_leaf_hashes(LEAVES[:size])

    def test_copy_is_independent_and_peaks_resume(self) -> None:
        frontier = CompactRange()
        for item in LEAVES[:11]:
            frontier.append(item)
        twin = frontier.copy()
        twin.append(LEAVES[11])
        assert frontier.size == 11
        resumed = CompactRange.from_peaks(11, frontier.hashes())
        resumed.append(LEAVES[11])
        assert resumed.root() == twin.root() == root_from_leaf_hashes(LEAVES[:12])

    def test_peaks_are_the_perfect_subtrees_of_the_size(self) -> None:
        frontier = CompactRange.from_peaks(0, [])
        for item in LEAVES[:13]:
            frontier.append(item)
        tree = full_tree()
        assert frontier.hashes() == tuple(tree.perfect(*node) for node in perfect_subtrees(0, 13))

    @pytest.mark.parametrize(("size", "count"), [(3, 1), (3, 3), (4, 0), (-1, 0)])
    def test_from_peaks_refuses_the_wrong_number(self, size: int, count: int) -> None:
        with pytest.raises(TreeRangeError):
            CompactRange.from_peaks(size, [LEAVES[0]] * count)

    def test_from_peaks_refuses_short_hashes(self) -> None:
        with pytest.raises(TreeRangeError):
            CompactRange.from_peaks(1, [b"x" * 31])


class TestMemoryTree:
    def test_perfect_levels(self) -> None:
        tree = MemoryTree(LEAVES[:5])
        assert tree.size == 5
        assert tree.perfect(0, 4) == LEAVES[4]
        assert tree.perfect(2, 0) == root_from_leaf_hashes(LEAVES[:4])
        assert tree.root() == root_from_leaf_hashes(LEAVES[:5])

    @pytest.mark.parametrize(("level", "index"), [(0, 5), (1, 2), (3, 0), (-1, 0), (0, -1)])
    def test_incomplete_subtrees_are_refused(self, level: int, index: int) -> None:
        with pytest.raises(TreeRangeError):
            MemoryTree(LEAVES[:5]).perfect(level, index)

    def test_refuses_a_short_leaf_hash(self) -> None:
        with pytest.raises(TreeRangeError):
            MemoryTree([b"short"])


class TestInclusion:
    def test_every_index_of_small_trees(self) -> None:
        tree = full_tree()
        for size in range(1, 70):
            root = root_from_leaf_hashes(LEAVES[:size])
            for index in range(size):
                proof = inclusion_proof(index, size, tree)
                assert len(proof) == inclusion_proof_length(index, size)
                verify_inclusion(LEAVES[index], index, size, proof, root)
                assert root_from_inclusion_proof(LEAVES[index], index, size, proof) == root

    @settings(max_examples=300)
    @given(data=st.data())
    def test_any_bit_flip_fails(self, data: st.DataObject) -> None:
        size = data.draw(st.integers(1, MAX_SIZE), label="size")
        index = data.draw(st.integers(0, size - 1), label="index")
        tree = full_tree()
        root = root_at(size, tree)
        proof = inclusion_proof(index, size, tree)
        verify_inclusion(LEAVES[index], index, size, proof, root)
        bit = data.draw(st.integers(0, 255), label="bit")
        target = data.draw(st.integers(-3, len(proof) - 1), label="target")
        leaf, mutated = LEAVES[index], list(proof)
        if target == -3:
            leaf = flip(leaf, bit)
        elif target == -2:
            root = flip(root, bit)
        elif target == -1:
            index ^= 1 << (bit % 12)
        else:
            mutated[target] = flip(mutated[target], bit)
        with pytest.raises(ProofError):
            verify_inclusion(leaf, index, size, mutated, root)

    @settings(max_examples=200)
    @given(data=st.data())
    def test_a_proof_for_one_size_proves_nothing_for_another(self, data: st.DataObject) -> None:
        """The root does not commit to the size (the signed checkpoint does), so a changed
        size is checked against that size's own root: it must fail unless the proofs agree."""
        size = data.draw(st.integers(1, MAX_SIZE), label="size")
        index = data.draw(st.integers(0, size - 1), label="index")
        other = size ^ (1 << data.draw(st.integers(0, 11), label="bit"))
        tree = full_tree()
        proof = inclusion_proof(index, size, tree)
        if index >= other:
            with pytest.raises(ProofError):
                verify_inclusion(LEAVES[index], index, other, proof, root_at(size, tree))
            return
        if other > MAX_SIZE or inclusion_proof(index, other, tree) == proof:
            return
        with pytest.raises(ProofError):
            verify_inclusion(LEAVES[index], index, other, proof, root_at(other, tree))

    def test_extra_or_missing_elements_fail(self) -> None:
        tree = full_tree()
        root = root_at(100, tree)
        proof = inclusion_proof(37, 100, tree)
        for bad in (proof[:-1], [*proof, proof[0]], [proof[0], *proof], []):
            with pytest.raises(ProofError, match="needs"):
                verify_inclusion(LEAVES[37], 37, 100, bad, root)

    @pytest.mark.parametrize(
        ("index", "size"), [(5, 5), (-1, 5), (0, 0), (True, 5), (0, 2**64 + 1 - 2**64 - 1)]
    )
    def test_impossible_positions_fail(self, index: int, size: int) -> None:
        with pytest.raises(ProofError):
            verify_inclusion(LEAVES[0], index, size, [], LEAVES[0])

    def test_short_hashes_fail(self) -> None:
        tree = full_tree()
        proof = inclusion_proof(2, 8, tree)
        with pytest.raises(ProofError, match="32-byte"):
            verify_inclusion(LEAVES[2], 2, 8, [proof[0][:31], *proof[1:]], root_at(8, tree))
        with pytest.raises(ProofError, match="32-byte"):
            verify_inclusion(LEAVES[2][:31], 2, 8, proof, root_at(8, tree))

    @pytest.mark.parametrize(("index", "size"), [(3, 3), (-1, 3), (0, -1)])
    def test_generation_refuses_positions_outside_the_tree(self, index: int, size: int) -> None:
        with pytest.raises(TreeRangeError):
            inclusion_proof(index, size, full_tree())

    @pytest.mark.parametrize("size", [1, 2, 3, 1000, 2**20 + 1, 2**40 - 1, 2**40, 2**62 + 12345])
    def test_needs_logarithmically_many_look_ups(self, size: int) -> None:
        for index in sorted(
            {0, 1 % size, size // 3, size // 2, size - 2 if size > 1 else 0, size - 1}
        ):
            source = FakeSource()
            proof = inclusion_proof(index, size, source)
            assert len(source.calls) <= 2 * max(1, (size - 1).bit_length())
            assert source.calls == inclusion_proof_nodes(index, size)
            assert len(proof) == inclusion_proof_length(index, size)


class TestConsistency:
    def test_every_pair_of_small_sizes(self) -> None:
        tree = full_tree()
        roots = [root_at(size, tree) for size in range(70)]
        for new in range(1, 70):
            for old in range(1, new + 1):
                proof = consistency_proof(old, new, tree)
                if old < new:
                    assert len(proof) == consistency_proof_length(old, new)
                verify_consistency(old, new, proof, roots[old], roots[new])

    def test_trivial_cases(self) -> None:
        tree = full_tree()
        assert consistency_proof(0, 10, tree) == []
        assert consistency_proof(10, 10, tree) == []
        verify_consistency(0, 0, [], empty_root(), empty_root())
        verify_consistency(7, 7, [], root_at(7, tree), root_at(7, tree))

    @pytest.mark.parametrize(
        ("old", "new", "match"),
        [(0, 5, "empty tree proves nothing"), (6, 5, "larger"), (-1, 5, "non-negative")],
    )
    def test_impossible_size_pairs_fail(self, old: int, new: int, match: str) -> None:
        with pytest.raises(ProofError, match=match):
            verify_consistency(old, new, [], empty_root(), empty_root())

    def test_equal_sizes_need_equal_roots_and_no_proof(self) -> None:
        tree = full_tree()
        with pytest.raises(ProofError, match="different roots"):
            verify_consistency(7, 7, [], root_at(7, tree), root_at(6, tree))
        with pytest.raises(ProofError, match="must be empty"):
            verify_consistency(7, 7, [LEAVES[0]], root_at(7, tree), root_at(7, tree))
        with pytest.raises(ProofError, match="empty tree"):
            verify_consistency(0, 0, [], LEAVES[0], LEAVES[0])

    @settings(max_examples=300)
    @given(data=st.data())
    def test_any_bit_flip_fails(self, data: st.DataObject) -> None:
        new = data.draw(st.integers(2, MAX_SIZE), label="new")
        old = data.draw(st.integers(1, new - 1), label="old")
        tree = full_tree()
        old_root, new_root = root_at(old, tree), root_at(new, tree)
        proof = consistency_proof(old, new, tree)
        verify_consistency(old, new, proof, old_root, new_root)
        bit = data.draw(st.integers(0, 255), label="bit")
        target = data.draw(st.integers(-2, len(proof) - 1), label="target")
        mutated = list(proof)
        if target == -2:
            old_root = flip(old_root, bit)
        elif target == -1:
            new_root = flip(new_root, bit)
        else:
            mutated[target] = flip(mutated[target], bit)
        with pytest.raises(ProofError):
            verify_consistency(old, new, mutated, old_root, new_root)

    @settings(max_examples=200)
    @given(data=st.data())
    def test_a_proof_for_other_sizes_fails(self, data: st.DataObject) -> None:
        """Flip a bit of either size and check against the true roots of the new sizes."""
        new = data.draw(st.integers(2, MAX_SIZE), label="new")
        old = data.draw(st.integers(1, new - 1), label="old")
        tree = full_tree()
        proof = consistency_proof(old, new, tree)
        bit = 1 << data.draw(st.integers(0, 11), label="bit")
        old2, new2 = (
            (old ^ bit, new) if data.draw(st.booleans(), label="old?") else (old, new ^ bit)
        )
        if not 0 < old2 < new2 <= MAX_SIZE or consistency_proof(old2, new2, tree) == proof:
            return
        with pytest.raises(ProofError):
            verify_consistency(old2, new2, proof, root_at(old2, tree), root_at(new2, tree))

    def test_extra_or_missing_elements_fail(self) -> None:
        tree = full_tree()
        proof = consistency_proof(37, 100, tree)
        for bad in (proof[:-1], [*proof, proof[0]], [proof[0], *proof], []):
            with pytest.raises(ProofError):
                verify_consistency(37, 100, bad, root_at(37, tree), root_at(100, tree))

    def test_short_root_fails(self) -> None:
        tree = full_tree()
        proof = consistency_proof(3, 8, tree)
        with pytest.raises(ProofError, match="32-byte"):
            verify_consistency(3, 8, proof, root_at(3, tree)[:16], root_at(8, tree))

    @pytest.mark.parametrize(
        ("old", "new"), [(1, 2), (3, 8), (1000, 2**20 + 7), (2**39 + 3, 2**40)]
    )
    def test_needs_logarithmically_many_look_ups(self, old: int, new: int) -> None:
        source = FakeSource()
        proof = consistency_proof(old, new, source)
        assert len(source.calls) <= 2 * (new - 1).bit_length()
        assert source.calls == consistency_proof_nodes(old, new)
        assert len(proof) == consistency_proof_length(old, new)

    def test_generation_refuses_a_shrinking_tree(self) -> None:
        with pytest.raises(TreeRangeError):
            consistency_proof(5, 4, full_tree())
