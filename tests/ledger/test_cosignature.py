"""C2SP tlog-cosignature v1 (Ed25519): the message, the key ID, the bytes, and verification."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sai.ledger import Checkpoint, SignedNote, open_checkpoint, sign_checkpoint
from sai.ledger.cosignature import (
    CosignatureVerifier,
    Cosigner,
    cosigned_message,
    require_cosignatures,
)
from sai.ledger.errors import CheckpointError
from tests.ledger.ledger_support import ORIGIN, new_signer

# The example of c2sp.org/tlog-cosignature: a checkpoint with one cosignature line.
SPEC_NOTE = (
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
    "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5"
    "/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
    "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlr"
    "DJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n"
)
WITNESS_KEY = Ed25519PrivateKey.from_private_bytes(b"\x05" * 32)


@pytest.fixture
def signed() -> object:
    signer = new_signer()
    head = Checkpoint(ORIGIN, 10, hashlib.sha256(b"root").digest())
    return signer, sign_checkpoint(head, signer)


class TestFormat:
    def test_message_is_header_time_then_body(self) -> None:
        body = (
            "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
        )
        assert cosigned_message(body, 1679315147) == (
            b"cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
            b"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
        )

    def test_the_spec_example_parses_with_its_timestamp(self) -> None:
        note = SignedNote.from_bytes(SPEC_NOTE.encode())
        line = note.signatures[1]
        assert line.key_name == "witness.example.com/w1"
        assert len(line.signature) == 8 + 64
        assert int.from_bytes(line.signature[:8], "big") == 1679315147

    def test_key_id_uses_type_byte_0x04(self) -> None:
        cosigner = Cosigner("w.example/1", WITNESS_KEY)
        raw = WITNESS_KEY.public_key().public_bytes_raw()
        assert cosigner.key_id == hashlib.sha256(b"w.example/1\n\x04" + raw).digest()[:4]

    def test_signature_bytes_are_timestamp_then_ed25519(self, signed: object) -> None:
        _, checkpoint = signed  # type: ignore[misc]
        cosigned = Cosigner("w.example/1", WITNESS_KEY).cosign(checkpoint, 1_700_000_000)
        line = cosigned.note.signatures[-1]
        assert line.signature[:8] == (1_700_000_000).to_bytes(8, "big")
        message = f"cosignature/v1\ntime 1700000000\n{checkpoint.note.text}".encode()
        WITNESS_KEY.public_key().verify(line.signature[8:], message)  # independent check
        with pytest.raises(InvalidSignature):
            WITNESS_KEY.public_key().verify(line.signature[8:], checkpoint.note.text.encode())


class TestVerify:
    def test_round_trip_and_the_log_key_still_opens_the_note(self, signed: object) -> None:
        signer, checkpoint = signed  # type: ignore[misc]
        cosigner = Cosigner("w.example/1", WITNESS_KEY)
        cosigned = cosigner.cosign(checkpoint, 1_700_000_000)
        reopened = open_checkpoint(cosigned.to_bytes(), [signer.verifier()], origin=ORIGIN)
        found = cosigner.verifier().find(reopened)
        assert found is not None
        assert (found.witness, found.timestamp) == ("w.example/1", 1_700_000_000)
        assert found.time.isoformat() == "2023-11-14T22:13:20+00:00"
        assert require_cosignatures(reopened, [cosigner.verifier()]) == [found]

    def test_cosigning_again_replaces_the_earlier_line(self, signed: object) -> None:
        _, checkpoint = signed  # type: ignore[misc]
        cosigner = Cosigner("w.example/1", WITNESS_KEY)
        twice = cosigner.cosign(cosigner.cosign(checkpoint, 1), 2)
        assert len(twice.note.signatures) == 2
        found = cosigner.verifier().find(twice)
        assert found is not None
        assert found.timestamp == 2

    def test_another_checkpoint_or_key_does_not_verify(self, signed: object) -> None:
        signer, checkpoint = signed  # type: ignore[misc]
        cosigner = Cosigner("w.example/1", WITNESS_KEY)
        line = cosigner.cosign(checkpoint, 5).note.signatures[-1]
        other = sign_checkpoint(Checkpoint(ORIGIN, 11, hashlib.sha256(b"x").digest()), signer)
        assert cosigner.verifier().verify(other.note.text, line) is None
        stranger = Cosigner("w.example/1", Ed25519PrivateKey.generate()).verifier()
        assert stranger.verify(checkpoint.note.text, line) is None
        with pytest.raises(CheckpointError, match="no valid cosignature by the witness"):
            require_cosignatures(checkpoint, [cosigner.verifier()])

    def test_a_log_signature_is_not_a_cosignature(self, signed: object) -> None:
        signer, checkpoint = signed  # type: ignore[misc]
        same_key = CosignatureVerifier(signer.name, signer.public_key)
        assert same_key.find(checkpoint) is None  # key IDs differ by the type byte

    def test_vkey_round_trip_and_refusals(self) -> None:
        verifier = Cosigner("w.example/1", WITNESS_KEY).verifier()
        vkey = verifier.verifier_key()
        assert CosignatureVerifier.from_vkey(vkey).key == verifier.key
        log_vkey = new_signer("w.example/1").verifier_key()  # type 0x01
        with pytest.raises(CheckpointError, match="type 0x04"):
            CosignatureVerifier.from_vkey(log_vkey)
        name, _, blob = vkey.split("+")
        with pytest.raises(CheckpointError, match="does not match"):
            CosignatureVerifier.from_vkey(f"{name}+00000000+{blob}")
        assert base64.b64decode(blob)[0] == 4
        with pytest.raises(CheckpointError, match="not a witness verifier key"):
            CosignatureVerifier.from_vkey("nonsense")
