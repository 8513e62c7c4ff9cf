"""The model-signing key: an EC key (P-256 by default) as model-signing's private-key method uses.

model-signing's key verifier accepts the NIST curves P-256, P-384 and P-521, each with the
SHA-2 hash of matching size, so that is what sai signs with. The key lives apart from the
workspace's Ed25519 ledger key, in ``.sai/keys/model-signing.key`` (mode 0600).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from sai.inventory.errors import InventoryError, SignatureError

PRIVATE_NAME = "model-signing.key"
PUBLIC_NAME = "model-signing.pub"
_CURVES: dict[str, type[hashes.SHA256 | hashes.SHA384 | hashes.SHA512]] = {
    "secp256r1": hashes.SHA256,
    "secp384r1": hashes.SHA384,
    "secp521r1": hashes.SHA512,
}
_KEYS_GITIGNORE = "# private keys of sai's inventory package never go into version control\n*.key\n"


def hash_for(key: ec.EllipticCurvePublicKey) -> hashes.HashAlgorithm:
    """The digest model-signing pairs with the key's curve."""
    factory = _CURVES.get(key.curve.name)
    if factory is None:
        raise SignatureError(
            f"the key uses the curve {key.curve.name}; model-signing accepts only "
            "P-256, P-384 and P-521"
        )
    return factory()


def public_pem(key: ec.EllipticCurvePublicKey) -> bytes:
    """SubjectPublicKeyInfo PEM, the form whose SHA-256 is the bundle's key hint."""
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_hint(key: ec.EllipticCurvePublicKey) -> str:
    """The ``publicKey.hint`` model-signing writes: hex SHA-256 of the PEM public key."""
    return hashlib.sha256(public_pem(key)).hexdigest()


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file with mode 0600, refusing to overwrite one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    gitignore = path.parent / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(_KEYS_GITIGNORE, encoding="utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def ensure_signing_key(keys_dir: Path) -> Path:
    """The private key's path in ``keys_dir``, creating a P-256 key pair on first use."""
    private = keys_dir / PRIVATE_NAME
    if private.exists():
        return private
    key = ec.generate_private_key(ec.SECP256R1())
    write_private_file(
        private,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    (keys_dir / PUBLIC_NAME).write_bytes(public_pem(key.public_key()))
    return private


def load_private_key(path: Path, password: bytes | None = None) -> ec.EllipticCurvePrivateKey:
    """Load a PEM EC private key, refusing one that others may read."""
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except OSError as exc:
        raise InventoryError(f"cannot read the private key {path}: {exc.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise InventoryError(
            f"the private key {path} is readable by other users (mode {stat.S_IMODE(mode):o})",
            hint=f"run `chmod 600 {path}`",
        )
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except (ValueError, TypeError) as exc:
        raise InventoryError(f"{path} is not a usable PEM private key: {exc}") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise InventoryError(
            f"{path} holds a {type(key).__name__}; model-signing keys are EC (P-256/384/521)"
        )
    hash_for(key.public_key())
    return key


def load_public_key(path: Path) -> ec.EllipticCurvePublicKey:
    """Load a PEM EC public key."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise InventoryError(f"cannot load the public key {path}: {exc}") from None
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise InventoryError(
            f"{path} holds a {type(key).__name__}; model-signing keys are EC (P-256/384/521)"
        )
    hash_for(key)
    return key


__all__ = [
    "PRIVATE_NAME",
    "PUBLIC_NAME",
    "ensure_signing_key",
    "hash_for",
    "key_hint",
    "load_private_key",
    "load_public_key",
    "public_pem",
    "write_private_file",
]
