"""Ed25519 key files: created with mode 0600, refused when others can read them.

The private key is PEM PKCS#8, as `write_new_keypair` writes it. That form is read directly
(`_raw_ed25519`: a fixed 16-byte DER prefix, then the 32-byte seed), because `cryptography`'s
serialization module costs more to import than a small `sai scan`; any other form goes through
`cryptography`'s full PEM parser, which accepts or refuses it as before.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from sai.errors import WorkspaceError

if TYPE_CHECKING:  # NOTE: `cryptography` loads when a key is read or made, not before
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )


def write_new_keypair(private_path: Path, public_path: Path) -> Ed25519PrivateKey:
    """Generate a key pair; the private half is written atomically with mode 0600."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    private_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise WorkspaceError(
            f"refusing to overwrite the existing signing key {private_path}",
            hint="remove it yourself if you really mean to replace the workspace's identity",
        ) from exc
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    os.chmod(public_path, 0o644)  # others may read it (auditors need it), never write it
    return key


#: DER of a PKCS#8 (RFC 8410) Ed25519 private key up to its 32-byte seed: SEQUENCE, version 0,
#: AlgorithmIdentifier id-Ed25519 (1.3.101.112), OCTET STRING wrapping an OCTET STRING.
_PKCS8_ED25519 = bytes.fromhex("302e020100300506032b657004220420")
_PEM_BEGIN = b"-----BEGIN PRIVATE KEY-----"
_PEM_END = b"-----END PRIVATE KEY-----"


def _raw_ed25519(data: bytes) -> bytes | None:
    """The seed of an Ed25519 key in exactly the PEM PKCS#8 form sai writes, else None."""
    lines = data.strip().splitlines()
    if len(lines) < 3 or lines[0] != _PEM_BEGIN or lines[-1] != _PEM_END:
        return None
    try:
        der = base64.b64decode(b"".join(lines[1:-1]), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(der) != len(_PKCS8_ED25519) + 32 or not der.startswith(_PKCS8_ED25519):
        return None
    return der[len(_PKCS8_ED25519) :]


def read_private_key(path: Path) -> Ed25519PrivateKey:
    """Load the workspace's private key, refusing a file that group or others may read."""
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except OSError as exc:
        raise WorkspaceError(
            f"cannot read the signing key {path}: {exc.strerror}",
            hint="run `sai init` to create a workspace, or check the file's permissions",
        ) from exc
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise WorkspaceError(
            f"the signing key {path} is readable by other users (mode {stat.S_IMODE(mode):o})",
            hint=f"run `chmod 600 {path}`",
        )
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    raw = _raw_ed25519(data)
    if raw is not None:
        return Ed25519PrivateKey.from_private_bytes(raw)
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_private_key(data, password=None)
    except ValueError as exc:
        raise WorkspaceError(f"{path} is not a PEM private key: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise WorkspaceError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def read_public_key(path: Path) -> Ed25519PublicKey:
    """Load a PEM Ed25519 public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"cannot load the public key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise WorkspaceError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key
