"""The new owner's side of a transfer: decrypt a package, unpack it, check its index."""

from __future__ import annotations

import base64
import json
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sai.disposal._package import OpenedReader
from sai.disposal._streams import HashingReader
from sai.disposal.errors import DisposalError


@dataclass(frozen=True)
class OpenedPackage:
    """A package opened by its recipient: where its files went and whether the index verified."""

    asset: str
    files: dict[str, str]
    signed_by_sender: bool | None


def open_package(
    package: Path,
    private: X25519PrivateKey,
    target: Path,
    *,
    sender: Ed25519PublicKey | None = None,
) -> OpenedPackage:
    """Decrypt and unpack ``package`` into ``target``, checking every file against the index."""
    seen: dict[str, str] = {}
    extra: dict[str, bytes] = {}
    with package.open("rb") as handle:
        reader = OpenedReader(handle, private)
        with tarfile.open(fileobj=reader, mode="r|") as archive:  # type: ignore[call-overload]
            for member in archive:
                name = PurePosixPath(member.name)
                if not member.isfile() or name.is_absolute() or ".." in name.parts:
                    raise DisposalError(f"the package holds an unsafe entry {member.name!r}")
                source = archive.extractfile(member)
                if source is None:
                    raise DisposalError(f"the package entry {member.name!r} cannot be read")
                if member.name in ("index.json", "index.sig"):
                    extra[member.name] = source.read()
                    continue
                destination = target / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                hashing = HashingReader(source)
                with destination.open("wb") as writer:
                    shutil.copyfileobj(hashing, writer, 1 << 20)
                seen[member.name] = hashing.hasher.hexdigest()
    try:
        index = json.loads(extra["index.json"])
        signature = base64.b64decode(extra["index.sig"].strip(), validate=True)
    except (KeyError, ValueError):
        raise DisposalError("the package has no readable index") from None
    if index.get("files") != seen:
        raise DisposalError("the package's files do not match its index")
    signed: bool | None = None
    if sender is not None:
        try:
            sender.verify(signature, extra["index.json"])
            signed = True
        except InvalidSignature:
            signed = False
    return OpenedPackage(str(index.get("asset")), seen, signed)


__all__ = ["OpenedPackage", "open_package"]
