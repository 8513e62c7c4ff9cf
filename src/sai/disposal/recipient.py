"""The new owner's key for a transfer: X25519 only, as PEM or base64 of its 32 bytes."""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from sai.disposal.errors import DisposalError


def parse_recipient(spec: str) -> X25519PublicKey:
    """An X25519 public key from a PEM file or string, or base64 of its 32 raw bytes."""
    path = Path(spec)
    try:
        data = path.read_bytes() if len(spec) < 4096 and path.is_file() else spec.encode()
    except OSError as exc:
        raise DisposalError(f"cannot read the recipient key {spec}: {exc.strerror}") from None
    key: object
    if data.lstrip().startswith(b"-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(data)
        except ValueError:
            raise DisposalError(f"{spec} is not a PEM public key") from None
    else:
        try:
            raw = base64.b64decode(data.strip(), validate=True)
            key = X25519PublicKey.from_public_bytes(raw)
        except ValueError:
            raise DisposalError(
                "the recipient key is neither a PEM public key nor base64 of 32 bytes"
            ) from None
    if not isinstance(key, X25519PublicKey):
        raise DisposalError(
            f"the recipient key is a {type(key).__name__}, not an X25519 key",
            hint="the new owner makes one with `openssl genpkey -algorithm X25519`",
        )
    return key


__all__ = ["parse_recipient"]
