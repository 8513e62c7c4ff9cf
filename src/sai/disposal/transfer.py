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
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from sai.disposal._package import SCHEME, SealedWriter, fingerprint
from sai.disposal._streams import ChunkReader, HashingReader
from sai.disposal.custodians import current_approval
from sai.disposal.dispose import DisposalOutcome, DisposalRequest, dispose
from sai.disposal.errors import DisposalError
from sai.disposal.journal import load_journal
from sai.disposal.retirement import retired
from sai.inventory.actions import local_asset_path
from sai.inventory.custody import CustodySettings
from sai.inventory.seal import custody_for, key_evidence
from sai.inventory.sealed_files import is_sealed, plaintext_chunks, plaintext_size
from sai.ledger import Evidence, Ledger, Origin, canonical_json, entry_json
from sai.ledger.kinds import AssetTransferred, Kind
from sai.manifest import LoadedManifest
from sai.workspace import Workspace

_PROVENANCE_LIMIT = 500


def _add(archive: tarfile.TarFile, name: str, size: int, stream: IO[bytes]) -> str:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, 0
    hashing = HashingReader(stream)
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
                        stream: Any = ChunkReader(plaintext_chunks(file, opened.key, asset, name))
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
    live = None if retired(loaded, asset) else local_asset_path(loaded, asset)
    came_back = (live is not None and live.exists()) or (
        custody_for(workspace, asset, custody).info(asset) is not None
    )
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


__all__ = ["TransferOutcome", "transfer", "write_package"]
