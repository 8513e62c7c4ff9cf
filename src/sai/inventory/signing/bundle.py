"""Sigstore bundle v0.3 (JSON) holding one DSSE envelope, as model-signing writes it.

The parser treats the file as untrusted: every field is checked for type and form, and an
error names the JSON path that is wrong, so a truncated or foreign file is reported, not a
traceback.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any

from sai.inventory.errors import SignatureFormatError
from sai.inventory.signing.dsse import IN_TOTO_PAYLOAD_TYPE

BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json"
#: A signature file larger than this is refused before parsing.
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
_HEX64 = re.compile(r"[0-9a-f]{64}", re.ASCII)


@dataclass(frozen=True)
class Bundle:
    """The parts of a key-signed model-signing bundle that verification needs."""

    key_hint: str | None
    payload_type: str
    payload: bytes
    signature: bytes

    def to_json(self) -> bytes:
        """The bundle as model-signing writes it (compact JSON)."""
        document = {
            "mediaType": BUNDLE_MEDIA_TYPE,
            "verificationMaterial": {
                "publicKey": {"hint": self.key_hint} if self.key_hint else {},
                "tlogEntries": [],
            },
            "dsseEnvelope": {
                "payload": base64.b64encode(self.payload).decode("ascii"),
                "payloadType": self.payload_type,
                "signatures": [{"sig": base64.b64encode(self.signature).decode("ascii")}],
            },
        }
        return json.dumps(document, separators=(",", ":")).encode("utf-8")


def _fail(path: str, message: str) -> SignatureFormatError:
    return SignatureFormatError(
        f"the signature is not a model-signing bundle: {path} {message}",
        hint="sign the model again (`sai inventory sign`), or check that the file is complete",
    )


def _object(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, "must be a JSON object")
    return value


def _string(container: dict[str, Any], key: str, path: str) -> str:
    value = container.get(key)
    if not isinstance(value, str) or not value:
        raise _fail(f"{path}.{key}", "must be a non-empty string")
    return value


def _base64(container: dict[str, Any], key: str, path: str) -> bytes:
    text = _string(container, key, path)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise _fail(f"{path}.{key}", "is not valid base64") from None


def _key_hint(material: dict[str, Any]) -> str | None:
    if "certificate" in material or "x509CertificateChain" in material:
        raise SignatureFormatError(
            "the model was signed with a certificate (Sigstore keyless or a PKI), not a key",
            hint="sai verifies key-based signatures offline; use `model_signing verify` for "
            "certificate-based ones",
        )
    key = _object(material.get("publicKey"), "verificationMaterial.publicKey")
    hint = key.get("hint")
    if hint is None:
        return None
    if not isinstance(hint, str) or not _HEX64.fullmatch(hint):
        raise _fail("verificationMaterial.publicKey.hint", "must be 64 lower-case hex digits")
    return hint


def parse_bundle(data: bytes) -> Bundle:
    """Parse a signature file; raises `SignatureFormatError` naming the bad field."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise _fail("the file", f"is larger than {MAX_BUNDLE_BYTES} bytes")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _fail("the file", f"is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise _fail("the file", f"is not JSON ({exc.msg} at byte {exc.pos})") from None
    except RecursionError:
        raise _fail("the file", "nests too deeply") from None
    root = _object(document, "the document")
    media_type = root.get("mediaType")
    if media_type != BUNDLE_MEDIA_TYPE:
        raise _fail("mediaType", f"is {media_type!r}, expected {BUNDLE_MEDIA_TYPE!r}")
    hint = _key_hint(_object(root.get("verificationMaterial"), "verificationMaterial"))
    envelope = _object(root.get("dsseEnvelope"), "dsseEnvelope")
    payload_type = _string(envelope, "payloadType", "dsseEnvelope")
    if payload_type != IN_TOTO_PAYLOAD_TYPE:
        raise _fail("dsseEnvelope.payloadType", f"is {payload_type!r}, not {IN_TOTO_PAYLOAD_TYPE}")
    payload = _base64(envelope, "payload", "dsseEnvelope")
    signatures = envelope.get("signatures")
    if not isinstance(signatures, list) or not signatures:
        raise _fail("dsseEnvelope.signatures", "must be a non-empty list")
    first = _object(signatures[0], "dsseEnvelope.signatures[0]")
    signature = _base64(first, "sig", "dsseEnvelope.signatures[0]")
    return Bundle(hint, payload_type, payload, signature)


__all__ = ["BUNDLE_MEDIA_TYPE", "MAX_BUNDLE_BYTES", "Bundle", "parse_bundle"]
