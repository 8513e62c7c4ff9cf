"""Transfer an asset to a new owner (5.5.1-1): an encrypted package, then local disposal.

The package (``_package``) holds ``asset/…`` (the plaintext files, decrypted from their sealed
form as they stream in, never written to disk in clear), ``manifest.json`` (the asset's
section of sai.yaml), ``provenance.json`` (its ledger entries) and ``index.json`` with
``index.sig``: every file's SHA-256, signed with the workspace key.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from sai.disposal._package import SCHEME, OpenedReader, SealedWriter, fingerprint
from sai.disposal.custodians import current_approval
from sai.disposal.dispose import DisposalOutcome, DisposalRequest, dispose
from sai.disposal.errors import DisposalError
from sai.disposal.journal import load_journal
from sai.inventory.actions import local_asset_path
from sai.inventory.custody import CustodySettings
from sai.inventory.seal import custody_for, key_evidence
from sai.inventory.sealed_files import is_sealed, plaintext_chunks, plaintext_size
from sai.ledger import Evidence, Ledger, Origin, canonical_json, entry_json
from sai.ledger.kinds import AssetTransferred, Kind
from sai.manifest import LoadedManifest
from sai.workspace import Workspace

_PROVENANCE_LIMIT = 500


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


class _Chunks(io.RawIOBase):
    """A readable stream over an iterator of byte chunks (for tarfile.addfile)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._left:
            self._left = next(self._chunks, b"")
            if not self._left:
                return 0
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


class _Hashing(io.RawIOBase):
    def __init__(self, inner: IO[bytes]) -> None:
        self.inner, self.hasher = inner, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        self.hasher.update(data)
        buffer[: len(data)] = data
        return len(data)


def _add(archive: tarfile.TarFile, name: str, size: int, stream: IO[bytes]) -> str:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, 0
    hashing = _Hashing(stream)
    archive.addfile(info, hashing)
    return hashing.hasher.hexdigest()


def _provenance(ledger: Ledger, asset: str) -> bytes:
    entries = ledger.query(subject=asset, limit=_PROVENANCE_LIMIT)
    return json.dumps([entry_json(e) for e in entries], indent=1).encode()


def write_package(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    asset: str,
    recipient: X25519PublicKey,
    out: Path,
    *,
    actor: str,
    custody: CustodySettings | None = None,
) -> tuple[str, int, int]:
    """Write the package to ``out`` atomically; its digest, file count and plaintext bytes."""
    live = local_asset_path(loaded, asset)
    files = [live] if live.is_file() else sorted(p for p in live.rglob("*") if p.is_file())
    keys = custody_for(workspace, asset, custody)
    opened = keys.data_key(asset, create=False) if keys.info(asset) is not None else None
    spec = loaded.manifest.asset(asset)
    manifest = json.dumps(spec.model_dump(mode="json") if spec else {}, indent=1).encode()
    fd, temp = tempfile.mkstemp(prefix=".sai-transfer-", dir=out.parent)
    index: dict[str, str] = {}
    total = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            writer = SealedWriter(
                handle, recipient, {"asset": asset, "system": loaded.manifest.name}
            )
            with tarfile.open(fileobj=writer, mode="w|") as archive:  # type: ignore[call-overload]
                for file in files:
                    name = "." if file == live else file.relative_to(live).as_posix()
                    member = f"asset/{live.name if name == '.' else name}"
                    if opened is not None and is_sealed(file):
                        size = plaintext_size(file)
                        stream: Any = _Chunks(plaintext_chunks(file, opened.key, asset, name))
                    else:
                        size, stream = file.stat().st_size, file.open("rb")
                    index[member] = _add(archive, member, size, stream)
                    total += size
                for member, data in (
                    ("manifest.json", manifest),
                    ("provenance.json", _provenance(ledger, asset)),
                ):
                    index[member] = _add(archive, member, len(data), io.BytesIO(data))
                body = canonical_json({"asset": asset, "files": index})
                signature = base64.b64encode(workspace.signing_key().sign(body)) + b"\n"
                _add(archive, "index.json", len(body), io.BytesIO(body))
                _add(archive, "index.sig", len(signature), io.BytesIO(signature))
            writer.finish()
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, out)
    finally:
        Path(temp).unlink(missing_ok=True)
    digest = "sha256:" + hashlib.sha256(out.read_bytes()).hexdigest()
    if opened is not None:
        now = datetime.now(UTC)
        ledger.append(
            key_evidence(opened.info, created=False, actor=actor, purpose="transfer", now=now)
        )
    return digest, len(files), total


@dataclass(frozen=True)
class TransferOutcome:
    """A transfer: the package written, its ledger entry, and the local disposal."""

    package: Path
    digest: str
    entry: int
    disposal: DisposalOutcome


def transfer(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    request: DisposalRequest,
    recipient: X25519PublicKey,
    package: Path,
    *,
    actor: str,
    custody: CustodySettings | None = None,
) -> TransferOutcome:
    """Package ``request.asset`` for the recipient, record it, then dispose of local copies.

    Resumable: once the disposal has begun (its journal names this recipient) the package
    is not written again; a transfer killed before that writes a fresh package.
    """
    asset = request.asset
    who = fingerprint(recipient)
    journal = load_journal(workspace.sai_dir / "disposal" / "journal", asset)
    live = local_asset_path(loaded, asset)
    came_back = live.exists() or custody_for(workspace, asset, custody).info(asset) is not None
    resuming = (
        journal is not None
        and journal.reason.startswith(f"transferred to {who}:")
        and not (journal.at("recorded") and came_back)
    )
    entry = ledger.latest(kind=Kind.ASSET_TRANSFERRED, subject=asset)
    if resuming and entry is not None:
        index, digest_text = entry.index, str(entry.evidence.data["package_digest"])
    else:
        if current_approval(ledger, asset, loaded.manifest.name) is None:
            raise DisposalError(
                f"no data custodian has approved transferring {asset!r}; nothing was written",
                hint=f"a custodian runs `sai dispose approve {asset} --by NAME` first",
            )
        digest_text, files, size = write_package(
            ledger, workspace, loaded, asset, recipient, package, actor=actor, custody=custody
        )
        index = ledger.append(
            Evidence.create(
                Kind.ASSET_TRANSFERRED,
                asset,
                provisions=("5.5.1-1",),
                actor=actor,
                origin=Origin.control("disposal.transfer"),
                data=AssetTransferred(
                    recipient=who,
                    package_digest=digest_text,
                    files=files,
                    bytes=size,
                    scheme=SCHEME,
                ).to_data(),
                time=datetime.now(UTC),
            )
        ).index
    reason = f"transferred to {who}: {request.reason}"
    outcome = dispose(
        ledger,
        workspace,
        loaded,
        DisposalRequest(asset, reason, force=request.force, also=request.also),
        actor=actor,
        custody=custody,
    )
    return TransferOutcome(package, digest_text, index, outcome)


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
                hashing = _Hashing(source)
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


__all__ = [
    "OpenedPackage",
    "TransferOutcome",
    "open_package",
    "parse_recipient",
    "transfer",
    "write_package",
]
