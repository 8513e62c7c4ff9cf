"""Disposal certificates: the NIST SP 800-88 fields, signed, with their ledger entry's proof.

A certificate (``sai-disposal-certificate/1``) is a JSON object::

    {"format": ..., "certificate": {the fields, exactly the entry's data},
     "ledger": {"origin", "key_name", "entry", "leaf", "proof", "checkpoint"},
     "signature": base64 Ed25519 over the canonical JSON of the other three}

`verify_certificate` needs only the workspace's public key: the signature, the leaf (a
``disposal.completed`` entry whose data is the certificate), its inclusion proof and the
signed checkpoint it leads to.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sai.disposal.errors import CertificateError
from sai.errors import SaiError
from sai.ledger import (
    Evidence,
    InclusionProof,
    NoteVerifier,
    SignedCheckpoint,
    canonical_json,
    leaf_hash,
    open_checkpoint,
)
from sai.ledger.kinds import Kind

FORMAT = "sai-disposal-certificate/1"
RECORD_FORMAT = "sai-decommission-record/1"
BUNDLE_FORMAT = "sai-decommission-bundle/1"
_KIND_OF = {FORMAT: Kind.DISPOSAL_COMPLETED, RECORD_FORMAT: Kind.SYSTEM_DECOMMISSIONED}
_TOP = {"format", "certificate", "ledger", "signature"}
_LEDGER = {"origin", "key_name", "entry", "leaf", "proof", "checkpoint"}


@dataclass(frozen=True)
class VerifiedCertificate:
    """A certificate that verified: its fields and where its entry sits."""

    fields: Mapping[str, Any]
    entry: int
    tree_size: int
    origin: str


def sign_certificate(
    fields: Mapping[str, Any],
    *,
    leaf: bytes,
    proof: InclusionProof,
    checkpoint: SignedCheckpoint,
    key_name: str,
    key: Ed25519PrivateKey,
    format: str = FORMAT,
) -> dict[str, Any]:
    """The signed certificate document (``format``: a certificate or a decommission record)."""
    body: dict[str, Any] = {
        "format": format,
        "certificate": dict(fields),
        "ledger": {
            "origin": checkpoint.checkpoint.origin,
            "key_name": key_name,
            "entry": proof.index,
            "leaf": base64.b64encode(leaf).decode("ascii"),
            "proof": proof.to_json(),
            "checkpoint": checkpoint.to_bytes().decode("utf-8"),
        },
    }
    body["signature"] = base64.b64encode(key.sign(canonical_json(body))).decode("ascii")
    return body


def _object(value: object, what: str, fields: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise CertificateError(f"the certificate's {what} must be a JSON object")
    if set(value) != fields:
        raise CertificateError(
            f"the certificate's {what} has fields {sorted(value)}, expected {sorted(fields)}"
        )
    return value


def _b64(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise CertificateError(f"the certificate's {what} must be a base64 string")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise CertificateError(f"the certificate's {what} is not valid base64") from None


def load_json(data: bytes) -> object:
    """The document's JSON value; CertificateError when it is not JSON."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise CertificateError("the certificate is not JSON") from None


def verify_certificate(data: bytes, public_key: Ed25519PublicKey) -> VerifiedCertificate:
    """Check signature, entry, proof and checkpoint offline; CertificateError names the fault."""
    return verify_document(load_json(data), public_key)


def verify_document(value: object, public_key: Ed25519PublicKey) -> VerifiedCertificate:
    """`verify_certificate` of a parsed certificate or decommission record."""
    document = _object(value, "document", _TOP)
    if document["format"] not in _KIND_OF:
        raise CertificateError(f"unknown certificate format {document['format']!r}")
    ledger = _object(document["ledger"], "ledger section", _LEDGER)
    fields = document["certificate"]
    if not isinstance(fields, Mapping):
        raise CertificateError("the certificate's fields must be a JSON object")
    signature = _b64(document["signature"], "signature")
    body = {k: document[k] for k in ("format", "certificate", "ledger")}
    try:
        public_key.verify(signature, canonical_json(body))
    except (InvalidSignature, SaiError, TypeError, ValueError):
        raise CertificateError(
            "the certificate's signature does not verify with this key",
            hint="it was altered, or it comes from another workspace (check the key you pinned)",
        ) from None
    try:
        leaf = _b64(ledger["leaf"], "ledger leaf")
        evidence = Evidence.from_leaf_bytes(leaf)
        proof = InclusionProof.from_json(ledger["proof"])
        if not isinstance(ledger["key_name"], str) or not isinstance(ledger["checkpoint"], str):
            raise CertificateError("the certificate's key name and checkpoint must be strings")
        verifier = NoteVerifier(ledger["key_name"], public_key)
        signed = open_checkpoint(
            ledger["checkpoint"].encode("utf-8"), [verifier], origin=ledger["origin"]
        )
    except CertificateError:
        raise
    except (SaiError, TypeError, ValueError) as exc:
        raise CertificateError(f"the certificate's ledger section does not verify: {exc}") from None
    try:
        same = canonical_json(evidence.data) == canonical_json(fields)
    except SaiError:
        same = False
    if evidence.kind != _KIND_OF[document["format"]] or not same:
        raise CertificateError("the certificate's fields are not those of its ledger entry")
    if proof.index != ledger["entry"] or proof.size != signed.checkpoint.size:
        raise CertificateError("the inclusion proof is not for this entry and checkpoint")
    try:
        if leaf_hash(leaf) != proof.leaf_hash:
            raise CertificateError("the inclusion proof is for another leaf")
        proof.verify(signed.checkpoint.root)
    except SaiError as exc:
        if isinstance(exc, CertificateError):
            raise
        raise CertificateError(f"the inclusion proof does not verify: {exc.message}") from None
    return VerifiedCertificate(fields, proof.index, proof.size, signed.checkpoint.origin)


def verify_bundle(data: bytes, public_key: Ed25519PublicKey) -> list[VerifiedCertificate]:
    """Verify a decommission bundle: its record, then every certificate it holds."""
    bundle = _object(load_json(data), "bundle", {"format", "system", "record", "certificates"})
    if bundle["format"] != BUNDLE_FORMAT or not isinstance(bundle["certificates"], list):
        raise CertificateError("this is not a sai decommission bundle")
    record = verify_document(bundle["record"], public_key)
    if record.fields.get("system") != bundle["system"]:
        raise CertificateError("the bundle's record is for another system")
    verified = [verify_document(item, public_key) for item in bundle["certificates"]]
    listed = sorted(str(v.fields.get("disposal")) for v in verified)
    if listed != sorted(str(d) for d in record.fields.get("certificates", [])):
        raise CertificateError("the bundle's certificates are not those its record names")
    return [record, *verified]


__all__ = [
    "BUNDLE_FORMAT",
    "FORMAT",
    "RECORD_FORMAT",
    "VerifiedCertificate",
    "load_json",
    "sign_certificate",
    "verify_bundle",
    "verify_certificate",
    "verify_document",
]
