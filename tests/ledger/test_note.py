"""C2SP signed notes, including interop vectors from golang.org/x/mod/sumdb/note.

The PeterNeumann and EnochRoot keys, texts and signatures below are the published test
vectors of golang.org/x/mod/sumdb/note (note_test.go, BSD licence, Copyright The Go Authors):
reproducing them byte for byte shows our notes interoperate with Go's implementation.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from sai.errors import VerificationError
from sai.ledger import (
    CheckpointError,
    NoteSignature,
    NoteSigner,
    NoteVerifier,
    SignedNote,
    open_note,
    sign_note,
)

PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_SIG = (
    "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdn"
    "gotpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_SIG = (
    "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnW"
    "Lox33WWd1RvMc+QQ=\n"
)


def peter_signer() -> NoteSigner:
    seed = base64.b64decode(PETER_SKEY.split("+", 4)[4])
    assert seed[0] == 1
    return NoteSigner("PeterNeumann", Ed25519PrivateKey.from_private_bytes(seed[1:]))


def fresh_signer(name: str = "example.com/log") -> NoteSigner:
    return NoteSigner(name, Ed25519PrivateKey.generate())


class TestGoInterop:
    def test_key_id_follows_the_spec_formula(self) -> None:
        signer = peter_signer()
        public = signer.public_key.public_bytes_raw()
        by_hand = hashlib.sha256(b"PeterNeumann" + b"\n" + b"\x01" + public).digest()[:4]
        assert by_hand.hex() == "c74f20a3"
        assert signer.key_id == by_hand

    def test_signer_reproduces_go_output(self) -> None:
        signer = peter_signer()
        assert signer.verifier_key() == PETER_VKEY
        assert sign_note(TEXT, signer).to_bytes() == (TEXT + "\n" + PETER_SIG).encode()

    def test_open_with_both_published_keys(self) -> None:
        peter, enoch = NoteVerifier.from_vkey(PETER_VKEY), NoteVerifier.from_vkey(ENOCH_VKEY)
        data = (TEXT + "\n" + PETER_SIG + ENOCH_SIG).encode()
        note = open_note(data, [peter, enoch])
        assert note.text == TEXT
        assert [sig.key for sig in note.signatures] == [
            "PeterNeumann+c74f20a3",
            "EnochRoot+af0cfe78",
        ]
        assert note.to_bytes() == data
        assert open_note(data, [peter]).text == TEXT  # Enoch's signature is unknown: ignored

    def test_corrupted_signature_from_a_known_key_rejects_the_note(self) -> None:
        peter = NoteVerifier.from_vkey(PETER_VKEY)
        corrupt = PETER_SIG[:60] + "ABCD" + PETER_SIG[60:]
        with pytest.raises(CheckpointError, match=r"PeterNeumann\+c74f20a3 does not verify"):
            open_note((TEXT + "\n" + corrupt).encode(), [peter])
        # ... even next to a good one: a known key's bad signature poisons the note.
        with pytest.raises(CheckpointError, match="does not verify"):
            open_note((TEXT + "\n" + PETER_SIG + corrupt).encode(), [peter])

    @pytest.mark.parametrize(
        "message",
        [
            TEXT,
            TEXT + "\n",
            TEXT + "\n" + PETER_SIG[:-1],
            "\x01" + TEXT + "\n" + PETER_SIG,
            TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "Bad Name")[:-1],
            TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
            TEXT + "\n" + PETER_SIG * 101,
        ],
    )
    def test_go_malformed_messages(self, message: str) -> None:
        with pytest.raises(CheckpointError):
            open_note(message.encode(), [NoteVerifier.from_vkey(PETER_VKEY)])

    def test_non_utf8_is_refused(self) -> None:
        with pytest.raises(CheckpointError, match="not UTF-8"):
            open_note(b"\xff" + (TEXT + "\n" + PETER_SIG).encode(), [])

    def test_every_mangling_of_a_vkey_is_refused(self) -> None:
        raw = PETER_VKEY.encode()
        manglings = {raw[i:j] for i in range(len(raw) + 1) for j in range(i + 1, len(raw) + 1)}
        manglings.discard(raw)
        for i in range(len(raw)):
            manglings.add(raw[:i] + bytes([raw[i] + 1]) + raw[i + 1 :])
        manglings.add(b"PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
        manglings.add(b"PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        for mangled in manglings:
            with pytest.raises(CheckpointError):
                NoteVerifier.from_vkey(mangled.decode("utf-8", "replace"))


class TestRoundTrip:
    def test_sign_and_open(self) -> None:
        signer = fresh_signer()
        note = sign_note("hello\nworld\n", signer)
        opened = open_note(note.to_bytes(), [NoteVerifier.from_vkey(signer.verifier_key())])
        assert opened == note
        assert SignedNote.from_bytes(note.to_bytes()) == note

    def test_verifier_key_round_trip(self) -> None:
        signer = fresh_signer("sai.local/demo/0a1b2c3d")
        verifier = NoteVerifier.from_vkey(signer.verifier_key())
        assert verifier.verifier_key() == signer.verifier_key()
        assert verifier.key_id == signer.key_id
        assert verifier.name == "sai.local/demo/0a1b2c3d"

    def test_another_key_is_rejected_naming_the_expected_one(self) -> None:
        ours, theirs = fresh_signer("ours"), fresh_signer("theirs")
        note = sign_note("text\n", theirs)
        with pytest.raises(CheckpointError, match=rf"expected ours\+{ours.key_id.hex()}") as caught:
            open_note(note.to_bytes(), [ours.verifier()])
        assert f"found theirs+{theirs.key_id.hex()}" in caught.value.message
        assert isinstance(caught.value, VerificationError)

    def test_same_name_other_key_is_ignored_then_rejected(self) -> None:
        ours, impostor = fresh_signer("log"), fresh_signer("log")
        note = sign_note("text\n", impostor)
        with pytest.raises(CheckpointError, match="not signed by a trusted key"):
            open_note(note.to_bytes(), [ours.verifier()])

    def test_duplicate_verifiers_are_fine(self) -> None:
        signer = fresh_signer()
        note = sign_note("t\n", signer)
        assert open_note(note.to_bytes(), [signer.verifier(), signer.verifier()]) == note

    def test_every_single_byte_change_is_rejected(self) -> None:
        signer = fresh_signer()
        data = sign_note("origin\n42\nsome text\n", signer).to_bytes()
        verifier = signer.verifier()
        for position in range(len(data)):
            for mask in (0x01, 0x20, 0x80):
                mangled = bytearray(data)
                mangled[position] ^= mask
                with pytest.raises(CheckpointError):
                    open_note(bytes(mangled), [verifier])


class TestStrictParsing:
    SIG = "— k " + base64.b64encode(b"\x00" * 68).decode() + "\n"

    @pytest.mark.parametrize(
        ("message", "match"),
        [
            ("text\n" + SIG, "no blank line"),
            ("text\n\n", "no signature lines"),
            ("text\n\n" + SIG[:-1], "must end with a newline"),
            ("text\n\n— k AAAA!\n", "not valid base64"),
            ("text\n\n— k AAAAAA=\n", "not valid base64"),
            ("text\n\n— k AAAAAB==\n", "not canonical base64"),
            ("text\n\n— k AAAAAA==\n", "shorter than a key ID"),
            ("text\n\n— k a+b AAAAAAAA\n", "must be '— <key name>"),
            ("text\n\n— a+b AAAAAAAA\n", "must not contain spaces, '\\+'"),
            ("text\n\n—  AAAAAAAA\n", "non-empty"),
            ("text\n\n- k AAAAAAAA\n", "em dash"),
            ("text\n\n—k AAAAAAAA\n", "em dash"),
            ("te\rxt\n\n" + SIG, "U\\+000D"),
            ("te\txt\n\n" + SIG, "U\\+0009"),
            ("text\n\n" + SIG + SIG.replace("\n", "\r\n"), "control"),
            ("text\n\n— k\u00a0x AAAAAAAA\n", "must not contain spaces"),
        ],
    )
    def test_malformed_notes(self, message: str, match: str) -> None:
        with pytest.raises(CheckpointError, match=match):
            SignedNote.from_bytes(message.encode())

    def test_blank_lines_inside_the_text_are_kept(self) -> None:
        note = SignedNote.from_bytes(("a\n\nb\n\n" + self.SIG).encode())
        assert note.text == "a\n\nb\n"
        assert note.signatures[0].key_name == "k"
        assert len(note.signatures[0].signature) == 64

    def test_constructor_rules(self) -> None:
        sig = NoteSignature("k", b"\x00" * 4, b"s")
        with pytest.raises(CheckpointError):
            SignedNote("no newline", (sig,))
        with pytest.raises(CheckpointError):
            SignedNote("text\n", ())
        with pytest.raises(CheckpointError):
            NoteSignature("k", b"\x00" * 3, b"s")
        with pytest.raises(CheckpointError):
            NoteSignature("k", b"\x00" * 4, b"")

    @pytest.mark.parametrize("name", ["", "a b", "a+b", "tab\there", "nl\n", "\u2003em"])
    def test_bad_key_names(self, name: str) -> None:
        with pytest.raises(CheckpointError):
            NoteSigner(name, Ed25519PrivateKey.generate())

    def test_signer_refuses_bad_text(self) -> None:
        with pytest.raises(CheckpointError):
            fresh_signer().sign("no newline")

    @given(st.binary(max_size=300))
    def test_arbitrary_bytes_raise_only_checkpoint_errors(self, data: bytes) -> None:
        with contextlib.suppress(CheckpointError):
            SignedNote.from_bytes(data)

    @given(
        text=st.text(max_size=40),
        lines=st.lists(st.text(max_size=30), max_size=4),
        dash=st.sampled_from(["— ", "—", "- ", ""]),
    )
    def test_near_miss_notes_raise_only_checkpoint_errors(
        self, text: str, lines: list[str], dash: str
    ) -> None:
        message = text + "\n\n" + "".join(f"{dash}{line}\n" for line in lines)
        try:
            note = SignedNote.from_bytes(message.encode("utf-8", "surrogatepass"))
        except CheckpointError:
            return
        assert note.to_bytes() == message.encode()

    @given(st.text(max_size=120))
    def test_vkey_parser_raises_only_checkpoint_errors(self, vkey: str) -> None:
        with contextlib.suppress(CheckpointError):
            NoteVerifier.from_vkey(vkey)
