"""Shreddable evidence: personal content kept in an entry only as ciphertext under a subject key.

An entry that must hold personal or confidential content (a prompt kept for review, say)
stores ``seal_value``'s object instead of the text: AES-256-GCM under a key that belongs to one
subject (one API key's holder), bound to the entry by ``context``. The leaf hash covers the
ciphertext, so destroying the subject's key erases the content while the log still verifies.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sai.ledger.errors import LedgerError

ALGORITHM = "A256GCM"


class SealedContentError(LedgerError):
    """Sealed content that is malformed or does not open with the key given (shredded)."""


def seal_value(value: object, key: bytes, kid: str, context: str) -> dict[str, str]:
    """``value`` (JSON) encrypted under ``key``: ``{"alg", "kid", "nonce", "ct"}``."""
    nonce = secrets.token_bytes(12)
    plain = json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")
    sealed = AESGCM(key).encrypt(nonce, plain, context.encode("utf-8"))
    return {
        "alg": ALGORITHM,
        "kid": kid,
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "ct": base64.b64encode(sealed).decode("ascii"),
    }


def open_value(sealed: Mapping[str, Any], key: bytes, context: str) -> Any:
    """The JSON value ``seal_value`` sealed; SealedContentError when it does not open."""
    try:
        if sealed.get("alg") != ALGORITHM:
            raise SealedContentError(f"unknown sealed-content algorithm {sealed.get('alg')!r}")
        nonce = base64.b64decode(str(sealed["nonce"]), validate=True)
        ct = base64.b64decode(str(sealed["ct"]), validate=True)
        plain = AESGCM(key).decrypt(nonce, ct, context.encode("utf-8"))
    except (KeyError, ValueError, binascii.Error):
        raise SealedContentError("the sealed content is malformed") from None
    except InvalidTag:
        raise SealedContentError("the sealed content does not open with this key") from None
    return json.loads(plain)


def seal_bytes(data: bytes, key: bytes, context: str) -> bytes:
    """``data`` encrypted under ``key``, bound to ``context``: 12-byte nonce + ciphertext + tag."""
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(key).encrypt(nonce, data, context.encode("utf-8"))


def open_bytes(sealed: bytes, key: bytes, context: str) -> bytes:
    """The bytes ``seal_bytes`` sealed; SealedContentError when they do not open."""
    if len(sealed) < 12 + 16:
        raise SealedContentError("the sealed content is truncated")
    try:
        return AESGCM(key).decrypt(sealed[:12], sealed[12:], context.encode("utf-8"))
    except InvalidTag:
        raise SealedContentError("the sealed content does not open with this key") from None


__all__ = [
    "ALGORITHM",
    "SealedContentError",
    "open_bytes",
    "open_value",
    "seal_bytes",
    "seal_value",
]
