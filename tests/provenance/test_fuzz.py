"""Parsers of untrusted bytes never crash: row-hash manifests and deployment artefacts."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sai.provenance._artefact import walk
from sai.provenance.errors import ProvenanceError
from sai.provenance.rowhash import MAGIC, RowHashes


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.booleans())
def test_manifest_bytes_parse_or_fail_cleanly(body: bytes, with_magic: bool) -> None:
    data = (MAGIC + body) if with_magic else body
    try:
        hashes = RowHashes.from_bytes(data, "fuzz")
    except ProvenanceError:
        return
    assert hashes.to_bytes() == data


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from([b"", b"PK\x03\x04", b"\x1f\x8b", b"BZh"]))
def test_artefact_bytes_walk_or_fail_cleanly(body: bytes, head: bytes) -> None:
    import tarfile
    import zipfile
    import zlib

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "artefact.bin"
        path.write_bytes(head + body)
        try:
            members = list(walk(path))
        except (
            ProvenanceError,
            tarfile.TarError,
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
        ):
            return
        assert all(m.digest.startswith("sha256:") for m in members)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from([b"PK\x03\x04", b"\x1f\x8b", b"BZh"]))
def test_env_check_fails_only_with_a_message(body: bytes, head: bytes) -> None:
    from sai.provenance.envcheck import check_artefact

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "artefact.bin"
        path.write_bytes(head + body)
        try:
            check_artefact(path, [])
        except ProvenanceError as error:
            message = error.message
        else:
            return
        assert str(path) in message or "member" in message
