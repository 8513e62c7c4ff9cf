"""A content-addressed store of file copies (``blobs/sha256/<hex>``), shared by snapshots.

Blobs are written once through a temporary file and a rename, and checked against their name
whenever they are read back, so a damaged copy is never restored.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from sai.inventory.errors import SnapshotError

_BUFFER = 4 * 1024 * 1024


class BlobStore:
    """Files stored by their SHA-256 under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, digest: str) -> Path:
        return self.root / "sha256" / digest[:2] / digest

    def has(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def put(self, source: Path, digest: str) -> None:
        """Copy ``source`` in, unless a blob of that digest exists; checks the digest."""
        target = self.path(digest)
        if target.is_file():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".blob-", dir=target.parent)
        try:
            hasher = hashlib.sha256()
            with source.open("rb") as reader, os.fdopen(fd, "wb") as writer:
                while chunk := reader.read(_BUFFER):
                    hasher.update(chunk)
                    writer.write(chunk)
            if hasher.hexdigest() != digest:
                raise SnapshotError(
                    f"{source} changed while it was copied into the snapshot store",
                    hint="stop whatever writes to it and create the snapshot again",
                )
            os.chmod(temp, 0o400)
            os.replace(temp, target)
        finally:
            Path(temp).unlink(missing_ok=True)

    def put_bytes(self, data: bytes) -> str:
        """Store ``data``; returns its hex SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".blob-", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as writer:
                    writer.write(data)
                os.chmod(temp, 0o400)
                os.replace(temp, target)
            finally:
                Path(temp).unlink(missing_ok=True)
        return digest

    def read(self, digest: str) -> bytes:
        """The blob's bytes, checked against its digest."""
        try:
            data = self.path(digest).read_bytes()
        except OSError:
            raise SnapshotError(f"the stored copy sha256:{digest} is missing") from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise SnapshotError(f"the stored copy sha256:{digest} is damaged")
        return data

    def check(self, digest: str) -> str | None:
        """None when the blob exists and matches its digest, else what is wrong."""
        path = self.path(digest)
        if not path.is_file():
            return "missing from the snapshot store"
        hasher = hashlib.sha256()
        with path.open("rb") as reader:
            while chunk := reader.read(_BUFFER):
                hasher.update(chunk)
        return None if hasher.hexdigest() == digest else "damaged in the snapshot store"

    def copy_out(self, digest: str, target: Path) -> None:
        """Write the blob to ``target`` atomically (temporary file, then rename)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".sai-restore-", dir=target.parent)
        try:
            with self.path(digest).open("rb") as reader, os.fdopen(fd, "wb") as writer:
                shutil.copyfileobj(reader, writer, _BUFFER)
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        finally:
            Path(temp).unlink(missing_ok=True)


__all__ = ["BlobStore"]
