"""The direct reading of sai's own PKCS#8 Ed25519 key files agrees with cryptography's parser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.errors import WorkspaceError
from sai.workspace._keys import _raw_ed25519, read_private_key, write_new_keypair

_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def _pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def test_a_written_key_reads_back_as_the_same_key(tmp_path: Path) -> None:
    written = write_new_keypair(tmp_path / "k", tmp_path / "k.pub")
    assert _raw_ed25519((tmp_path / "k").read_bytes()) is not None
    read = read_private_key(tmp_path / "k")
    assert read.public_key().public_bytes(*_RAW) == written.public_key().public_bytes(*_RAW)


def test_another_algorithm_is_refused_by_the_full_parser(tmp_path: Path) -> None:
    other = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert _raw_ed25519(other) is None
    path = tmp_path / "k"
    path.write_bytes(other)
    os.chmod(path, 0o600)
    with pytest.raises(WorkspaceError, match="not an Ed25519 key"):
        read_private_key(path)


@given(seed=st.binary(min_size=32, max_size=32), cut=st.integers(0, 200), byte=st.integers(0, 255))
@settings(max_examples=200)
def test_a_damaged_file_is_read_directly_only_when_cryptography_reads_it_alike(
    seed: bytes, cut: int, byte: int
) -> None:
    pem = bytearray(_pem(Ed25519PrivateKey.from_private_bytes(seed)))
    pem[cut % len(pem)] = byte
    raw = _raw_ed25519(bytes(pem))
    if raw is None:
        return
    try:
        parsed = serialization.load_pem_private_key(bytes(pem), password=None)
    except ValueError:
        pytest.fail("read directly, refused by cryptography")
    assert isinstance(parsed, Ed25519PrivateKey)
    assert (
        parsed.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        == raw
    )
