"""Untrusted input (certificates, packages, journals) fails with the package's errors only."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from sai.disposal import CertificateError, DisposalError
from sai.disposal._package import MAGIC, OpenedReader, SealedWriter
from sai.disposal.certificate import verify_bundle, verify_certificate
from sai.disposal.journal import journal_path, load_journal

KEY = Ed25519PrivateKey.generate().public_key()
RECIPIENT = X25519PrivateKey.generate()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
shaped = st.fixed_dictionaries(
    {
        "format": st.sampled_from(["sai-disposal-certificate/1", "x"]),
        "certificate": json_values,
        "ledger": json_values
        | st.fixed_dictionaries(
            dict.fromkeys(
                ("origin", "key_name", "entry", "leaf", "proof", "checkpoint"), json_values
            )
        ),
        "signature": st.text(max_size=90),
    }
)


@given(st.binary(max_size=300) | shaped.map(lambda d: json.dumps(d).encode()))
def test_certificates_fail_cleanly(data: bytes) -> None:
    for verify in (verify_certificate, verify_bundle):
        with contextlib.suppress(CertificateError):
            verify(data, KEY)


def _package(payload: bytes) -> bytes:
    out = io.BytesIO()
    writer = SealedWriter(out, RECIPIENT.public_key(), {"asset": "a"})
    writer.write(payload)
    writer.finish()
    return out.getvalue()


@given(st.binary(max_size=200), st.integers(min_value=0, max_value=400), st.integers(0, 255))
def test_packages_fail_cleanly_when_damaged(payload: bytes, where: int, value: int) -> None:
    good = _package(payload)
    assert OpenedReader(io.BytesIO(good), RECIPIENT).read() == payload
    damaged = bytearray(good)
    if where < len(damaged):
        damaged[where] = value
    else:
        damaged = damaged[: where % max(len(damaged), 1)]
    try:
        reader = OpenedReader(io.BytesIO(bytes(damaged)), RECIPIENT)
        read = reader.read()
    except DisposalError:
        return
    assert read == payload  # an unchanged byte, or one the format does not depend on


@given(st.binary(max_size=200))
def test_package_headers_fail_cleanly(data: bytes) -> None:
    for blob in (data, MAGIC + data):
        with contextlib.suppress(DisposalError):
            OpenedReader(io.BytesIO(blob), RECIPIENT).read()


@given(st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_journals_fail_cleanly(tmp_path_factory: object, data: bytes) -> None:
    folder = Path(str(tmp_path_factory.mktemp("j")))  # type: ignore[attr-defined]
    journal_path(folder, "a").write_bytes(data)
    with contextlib.suppress(DisposalError):
        load_journal(folder, "a")
