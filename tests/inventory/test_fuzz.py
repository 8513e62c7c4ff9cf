"""Parsers of untrusted files raise only their own errors, whatever the bytes."""

from __future__ import annotations

import base64
import contextlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sai.inventory._snapshot_format import parse_snapshot
from sai.inventory.errors import SignatureFormatError, SnapshotError
from sai.inventory.signing import parse_bundle, parse_statement

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
_bundle_keys = st.fixed_dictionaries(
    {
        "mediaType": st.sampled_from(["application/vnd.dev.sigstore.bundle.v0.3+json", "x"]),
        "verificationMaterial": st.one_of(_json, st.just({"publicKey": {"hint": "0" * 64}})),
        "dsseEnvelope": st.one_of(
            _json,
            st.fixed_dictionaries(
                {
                    "payload": st.one_of(
                        st.text(max_size=30), st.just(base64.b64encode(b"{}").decode())
                    ),
                    "payloadType": st.sampled_from(["application/vnd.in-toto+json", "text/plain"]),
                    "signatures": st.one_of(_json, st.just([{"sig": "AAAA"}])),
                }
            ),
        ),
    }
)


class TestBundleParser:
    @given(st.binary(max_size=300))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        with contextlib.suppress(SignatureFormatError):
            parse_bundle(data)

    @settings(max_examples=200)
    @given(_bundle_keys)
    def test_structured_documents(self, document: dict[str, object]) -> None:
        try:
            bundle = parse_bundle(json.dumps(document).encode())
        except SignatureFormatError:
            return
        assert bundle.payload_type == "application/vnd.in-toto+json"


_statement = st.fixed_dictionaries(
    {
        "_type": st.just("https://in-toto.io/Statement/v1"),
        "predicateType": st.just("https://model_signing/signature/v1.0"),
        "subject": st.one_of(_json, st.just([{"name": "m", "digest": {"sha256": "0" * 64}}])),
        "predicate": st.one_of(
            _json,
            st.fixed_dictionaries(
                {
                    "serialization": st.one_of(
                        _json,
                        st.fixed_dictionaries(
                            {
                                "method": st.sampled_from(["files", "shards", "bogus"]),
                                "hash_type": st.sampled_from(["sha256", "blake2", "md5"]),
                                "shard_size": _json,
                            }
                        ),
                    ),
                    "resources": st.lists(
                        st.fixed_dictionaries(
                            {
                                "name": st.sampled_from(["a", "../x", "/abs", "d/b:0:5", ""]),
                                "algorithm": st.sampled_from(["sha256", "sha256-sharded-5"]),
                                "digest": st.sampled_from(["0" * 64, "zz", "0" * 128]),
                            }
                        ),
                        max_size=3,
                    ),
                }
            ),
        ),
    }
)


class TestStatementParser:
    @given(st.binary(max_size=200))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        with contextlib.suppress(SignatureFormatError):
            parse_statement(data)

    @settings(max_examples=300)
    @given(_statement)
    def test_structured_statements(self, document: dict[str, object]) -> None:
        try:
            signed = parse_statement(json.dumps(document).encode())
        except SignatureFormatError:
            return
        for item in signed.tree.items:
            assert not item.name.startswith("/")
            assert ".." not in item.name.split("/")


class TestSnapshotParser:
    @given(st.binary(max_size=200))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        with contextlib.suppress(SnapshotError):
            parse_snapshot(data)

    @settings(max_examples=200)
    @given(
        st.fixed_dictionaries(
            {
                "format": st.sampled_from(["sai-snapshot/1", "other"]),
                "id": _json,
                "name": _json,
                "created": _json,
                "system": _json,
                "assets": st.lists(
                    st.fixed_dictionaries(
                        {
                            "name": st.text(max_size=5),
                            "kind": st.sampled_from(["model", "x"]),
                            "path": st.sampled_from(["m", "../m", "/abs/m", ""]),
                            "layout": st.sampled_from(["file", "folder"]),
                            "mode": st.sampled_from(["copy", "z"]),
                            "root_digest": _json,
                            "files": st.lists(
                                st.fixed_dictionaries(
                                    {
                                        "name": st.sampled_from([".", "a", "../a"]),
                                        "digest": st.sampled_from(["0" * 64, "g"]),
                                        "size": _json,
                                    }
                                ),
                                max_size=2,
                            ),
                        }
                    ),
                    max_size=2,
                ),
            }
        )
    )
    def test_structured_records(self, document: dict[str, object]) -> None:
        try:
            parsed = parse_snapshot(json.dumps(document).encode())
        except SnapshotError:
            return
        for asset in parsed.assets:
            assert ".." not in asset.path.split("/")
