"""C2SP tlog checkpoints and the signer that refuses to fork the log."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from sai.ledger import (
    Checkpoint,
    CheckpointError,
    CheckpointSigner,
    Evidence,
    InconsistentTreeError,
    MemoryTree,
    NoteSigner,
    NoteVerifier,
    SignedCheckpoint,
    consistency_proof,
    empty_root,
    leaf_hash,
    open_checkpoint,
    root_at,
    sign_checkpoint,
    sign_note,
)

ORIGIN = "sai.local/demo/0a1b2c3d"
ROOT = bytes(range(32))
ROOT_B64 = base64.b64encode(ROOT).decode()
# The example body of c2sp.org/tlog-checkpoint.
SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"


def signer(name: str = ORIGIN) -> NoteSigner:
    return NoteSigner(name, Ed25519PrivateKey.generate())


def tree(count: int, salt: bytes = b"") -> MemoryTree:
    return MemoryTree(leaf_hash(salt + i.to_bytes(4, "big")) for i in range(count))


class TestBody:
    def test_layout(self) -> None:
        cp = Checkpoint(ORIGIN, 12, ROOT, ("ext one",))
        assert cp.body() == f"{ORIGIN}\n12\n{ROOT_B64}\next one\n"
        assert Checkpoint.parse(cp.body()) == cp

    def test_spec_example(self) -> None:
        cp = Checkpoint.parse(SPEC_BODY)
        assert (cp.origin, cp.size, cp.extensions) == ("example.com/behind-the-sofa", 20852163, ())
        assert cp.body() == SPEC_BODY

    def test_empty_tree(self) -> None:
        cp = Checkpoint(ORIGIN, 0, empty_root())
        assert cp.body().splitlines()[1] == "0"
        assert Checkpoint.parse(cp.body()) == cp

    @pytest.mark.parametrize(
        ("text", "match"),
        [
            (f"{ORIGIN}\n12\n{ROOT_B64}", "end with a newline"),
            (f"{ORIGIN}\n12\n", "at least three lines"),
            (f"\n12\n{ROOT_B64}\n", "origin must be a non-empty"),
            (f"{ORIGIN}\n012\n{ROOT_B64}\n", "line 2"),
            (f"{ORIGIN}\n-1\n{ROOT_B64}\n", "line 2"),
            (f"{ORIGIN}\n+1\n{ROOT_B64}\n", "line 2"),
            (f"{ORIGIN}\n 1\n{ROOT_B64}\n", "line 2"),
            (f"{ORIGIN}\n1٢\n{ROOT_B64}\n", "line 2"),
            (f"{ORIGIN}\n{2**64}\n{ROOT_B64}\n", "line 2"),
            (f"{ORIGIN}\n1\n{ROOT_B64[:-1]}\n", "line 3"),
            (f"{ORIGIN}\n1\n{base64.b64encode(ROOT[:31]).decode()}\n", "line 3"),
            (f"{ORIGIN}\n1\n{ROOT_B64}\n\n", "line 4"),
            (f"{ORIGIN}\n1\n{ROOT_B64}\next\n\nmore\n", "line 5"),
            (f"{ORIGIN}\x01\n1\n{ROOT_B64}\n", "control character"),
        ],
    )
    def test_malformed_bodies(self, text: str, match: str) -> None:
        with pytest.raises(CheckpointError, match=match):
            Checkpoint.parse(text)

    def test_constructor_rules(self) -> None:
        with pytest.raises(CheckpointError):
            Checkpoint("two\nlines", 1, ROOT)
        with pytest.raises(CheckpointError):
            Checkpoint(ORIGIN, -1, ROOT)
        with pytest.raises(CheckpointError):
            Checkpoint(ORIGIN, 1, ROOT[:31])
        with pytest.raises(CheckpointError):
            Checkpoint(ORIGIN, 1, ROOT, ("",))

    @given(st.text(max_size=200))
    def test_parse_raises_only_checkpoint_errors(self, text: str) -> None:
        try:
            cp = Checkpoint.parse(text)
        except CheckpointError:
            return
        assert cp.body() == text


class TestSignedCheckpoint:
    def test_sign_and_open(self) -> None:
        key = signer()
        cp = Checkpoint(ORIGIN, 5, root_at(5, tree(5)))
        signed = sign_checkpoint(cp, key)
        opened = open_checkpoint(signed.to_bytes(), [key.verifier()], origin=ORIGIN)
        assert opened == signed
        assert opened.checkpoint == cp

    def test_another_key_is_rejected(self) -> None:
        ours, theirs = signer(), signer()
        signed = sign_checkpoint(Checkpoint(ORIGIN, 1, ROOT), theirs)
        with pytest.raises(CheckpointError, match=f"expected {ORIGIN}\\+{ours.key_id.hex()}"):
            open_checkpoint(signed.to_bytes(), [ours.verifier()])

    def test_wrong_origin_is_rejected(self) -> None:
        key = signer()
        signed = sign_checkpoint(Checkpoint("other.example/log", 1, ROOT), key)
        with pytest.raises(CheckpointError, match=r"'other\.example/log', expected"):
            open_checkpoint(signed.to_bytes(), [key.verifier()], origin=ORIGIN)

    def test_every_single_byte_change_is_rejected(self) -> None:
        key = signer()
        data = sign_checkpoint(Checkpoint(ORIGIN, 1234, ROOT), key).to_bytes()
        verifier = NoteVerifier.from_vkey(key.verifier_key())
        for position in range(len(data)):
            mangled = bytearray(data)
            mangled[position] ^= 0x01
            with pytest.raises(CheckpointError):
                open_checkpoint(bytes(mangled), [verifier], origin=ORIGIN)

    def test_signed_text_that_is_no_checkpoint_is_rejected(self) -> None:
        key = signer()
        note = sign_note("just a note\n", key)
        with pytest.raises(CheckpointError, match="at least three lines"):
            open_checkpoint(note.to_bytes(), [key.verifier()])

    def test_note_must_carry_the_checkpoint(self) -> None:
        key = signer()
        signed = sign_checkpoint(Checkpoint(ORIGIN, 1, ROOT), key)
        with pytest.raises(CheckpointError, match="not this checkpoint's body"):
            SignedCheckpoint(checkpoint=Checkpoint(ORIGIN, 2, ROOT), note=signed.note)

    @given(st.binary(max_size=300))
    def test_open_raises_only_checkpoint_errors(self, data: bytes) -> None:
        with contextlib.suppress(CheckpointError):
            open_checkpoint(data, [])


class TestCheckpointSigner:
    def test_first_checkpoint_then_consistent_growth(self) -> None:
        key, log = signer(), tree(20)
        cps = CheckpointSigner(key, ORIGIN)
        assert cps.latest is None
        first = cps.sign_next(3, root_at(3, log), [])
        assert cps.latest == first
        second = cps.sign_next(20, root_at(20, log), consistency_proof(3, 20, log))
        assert cps.latest == second
        assert (
            open_checkpoint(second.to_bytes(), [key.verifier()], origin=ORIGIN).checkpoint.size
            == 20
        )

    def test_growth_from_the_empty_tree(self) -> None:
        log = tree(4)
        cps = CheckpointSigner(signer(), ORIGIN)
        cps.sign_next(0, empty_root(), [])
        cps.sign_next(4, root_at(4, log), [])
        with pytest.raises(InconsistentTreeError, match="empty tree"):
            CheckpointSigner(signer(), ORIGIN).sign_next(0, ROOT, [])

    def test_same_tree_may_be_signed_again(self) -> None:
        log = tree(5)
        cps = CheckpointSigner(signer(), ORIGIN)
        cps.sign_next(5, root_at(5, log), [])
        again = cps.sign_next(5, root_at(5, log), [])
        assert again.checkpoint.size == 5

    def test_refuses_a_shrinking_tree(self) -> None:
        log = tree(9)
        cps = CheckpointSigner(signer(), ORIGIN)
        cps.sign_next(9, root_at(9, log), [])
        with pytest.raises(InconsistentTreeError, match=r"size 8.*size 9"):
            cps.sign_next(8, root_at(8, log), [])
        assert cps.latest is not None
        assert cps.latest.checkpoint.size == 9

    def test_refuses_a_second_root_for_the_same_size(self) -> None:
        cps = CheckpointSigner(signer(), ORIGIN)
        cps.sign_next(5, root_at(5, tree(5)), [])
        with pytest.raises(InconsistentTreeError, match="different root"):
            cps.sign_next(5, root_at(5, tree(5, b"fork")), [])

    def test_refuses_a_fork(self) -> None:
        honest, forked = tree(10), tree(10, b"fork")
        cps = CheckpointSigner(signer(), ORIGIN)
        cps.sign_next(4, root_at(4, honest), [])
        with pytest.raises(InconsistentTreeError, match=r"size 10.*\(size 4\)") as caught:
            cps.sign_next(10, root_at(10, forked), consistency_proof(4, 10, forked))
        assert "sai ledger verify" in caught.value.diagnostics()
        with pytest.raises(InconsistentTreeError):
            cps.sign_next(10, root_at(10, honest), [])
        cps.sign_next(10, root_at(10, honest), consistency_proof(4, 10, honest))

    def test_resumes_from_a_stored_checkpoint(self) -> None:
        key, log = signer(), tree(12)
        latest = sign_checkpoint(Checkpoint(ORIGIN, 7, root_at(7, log)), key)
        cps = CheckpointSigner(key, ORIGIN, latest)
        assert cps.latest == latest
        # The stored checkpoint binds what comes next: no shrinking, no fork of its 7 leaves.
        with pytest.raises(InconsistentTreeError, match=r"size 5.*size 7"):
            cps.sign_next(5, root_at(5, log), [])
        forked = tree(12, b"fork")
        with pytest.raises(InconsistentTreeError):
            cps.sign_next(12, root_at(12, forked), consistency_proof(7, 12, forked))
        assert cps.latest == latest
        resumed = cps.sign_next(12, root_at(12, log), consistency_proof(7, 12, log))
        assert cps.latest == resumed
        opened = open_checkpoint(resumed.to_bytes(), [key.verifier()], origin=ORIGIN)
        assert (opened.checkpoint.size, opened.checkpoint.root) == (12, root_at(12, log))

    def test_refuses_a_stored_checkpoint_it_did_not_sign(self) -> None:
        key, log = signer(), tree(7)
        forged = sign_checkpoint(Checkpoint(ORIGIN, 7, root_at(7, log)), signer())
        with pytest.raises(CheckpointError, match="not signed by a trusted key"):
            CheckpointSigner(key, ORIGIN, forged)

    def test_refuses_a_stored_checkpoint_of_another_log(self) -> None:
        key = signer()
        other = sign_checkpoint(Checkpoint("other.example/log", 1, ROOT), key)
        with pytest.raises(CheckpointError, match=r"other\.example/log"):
            CheckpointSigner(key, ORIGIN, other)

    def test_extensions_are_signed(self) -> None:
        cps = CheckpointSigner(signer(), ORIGIN)
        signed = cps.sign_next(1, root_at(1, tree(1)), [], extensions=("note: hello",))
        assert signed.note.text.endswith("note: hello\n")


DOC = Path(__file__).parents[2] / "docs" / "ledger-format.md"


def _block(text: str, tag: str) -> str:
    found = re.search(rf"```{tag}\n(.*?)```", text, re.DOTALL)
    assert found, f"docs/ledger-format.md lacks a ```{tag} block"
    return found.group(1)


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


class TestDocumentedExample:
    """The worked example in docs/ledger-format.md is real, and its by-hand code runs."""

    def test_example_reproduces_from_the_published_seed(self, doc: str) -> None:
        seed = hashlib.sha256(b"sai ledger-format example key").digest()
        key = NoteSigner("example.org/sai-demo", Ed25519PrivateKey.from_private_bytes(seed))
        assert key.verifier_key() in doc
        leaves = _block(doc, "leaves").encode().splitlines()
        log = MemoryTree()
        for leaf in leaves:
            assert Evidence.from_leaf_bytes(leaf).leaf_bytes() == leaf
            log.append(leaf_hash(leaf))
            assert f"{log.size - 1}  {leaf_hash(leaf).hex()}" in doc
        checkpoint = _block(doc, "checkpoint").encode()
        opened = open_checkpoint(checkpoint, [NoteVerifier.from_vkey(key.verifier_key())])
        assert opened.checkpoint.root == root_at(3, log)
        assert root_at(3, log).hex() in doc
        assert sign_checkpoint(opened.checkpoint, key).to_bytes() == checkpoint

    def test_by_hand_code_verifies_the_example(
        self, doc: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        vkey = re.search(r"example\.org/sai-demo\+[0-9a-f]{8}\+\S+", doc)
        assert vkey
        namespace = {
            "CHECKPOINT": _block(doc, "checkpoint").encode(),
            "VKEY": vkey.group(),
            "LEAVES": _block(doc, "leaves").encode().splitlines(),
        }
        exec(compile(_block(doc, "python"), str(DOC), "exec"), namespace)
        assert "entry 1 is in the signed tree of size 3" in capsys.readouterr().out
