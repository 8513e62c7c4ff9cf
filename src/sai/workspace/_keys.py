"""Ed25519 key files: created with mode 0600, refused when others can read them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sai.errors import WorkspaceError


def write_new_keypair(private_path: Path, public_path: Path) -> Ed25519PrivateKey:
    """Generate a key pair; the private half is written atomically with mode 0600."""
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
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except ValueError as exc:
        raise WorkspaceError(f"{path} is not a PEM private key: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise WorkspaceError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def read_public_key(path: Path) -> Ed25519PublicKey:
    """Load a PEM Ed25519 public key."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"cannot load the public key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise WorkspaceError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key
