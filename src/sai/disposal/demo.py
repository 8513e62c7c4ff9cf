"""The disposal part of `sai demo`: a confidential export is sealed, snapshotted, approved for
disposal by the data custodian, crypto-erased, and its certificate verified (and a forged
copy refused)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sai.disposal.certificate import verify_certificate
from sai.disposal.custodians import approve, custodians
from sai.disposal.dispose import DisposalRequest, dispose
from sai.disposal.errors import CertificateError
from sai.errors import VerificationError
from sai.inventory import seal, snapshot
from sai.ledger import Ledger
from sai.manifest import LoadedManifest, load_manifest
from sai.workspace import Workspace

EXPORT = "loan-audit-export"
_BLOCK = f"""\
  - name: {EXPORT}
    path: data/audit_export.csv
    owner: data-office
    confidential: true
    sensitivity: personal
    sources:
      - description: Rows of loan-applications exported for a one-off audit.
"""


def run_disposal_demo(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    out: Path,
    *,
    actor: str,
    on_step: Callable[[str], None] = lambda _: None,
) -> LoadedManifest:
    """Add, seal, snapshot and dispose of a confidential export; returns sai.yaml as it ends.

    The export is declared in sai.yaml only while it exists: the disposal moves its entry to
    ``disposed:``.
    """
    manifest_path = loaded.path
    original = manifest_path.read_text(encoding="utf-8")
    source = loaded.resolve(str(loaded.manifest.datasets[0].path))
    rows = source.read_text(encoding="utf-8").splitlines()[:300]
    export = manifest_path.parent / "data" / "audit_export.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    manifest_path.write_text(original.replace("datasets:\n", "datasets:\n" + _BLOCK, 1))
    with_export = load_manifest(manifest_path)
    on_step(f"Disposal: sealing {EXPORT} (AES-256-GCM, key wrapped in the keystore), snapshot")
    seal.seal_asset(ledger, workspace, with_export, EXPORT, actor=actor)
    snapshot.snapshot(ledger, workspace, with_export, actor=actor, name="before-disposal")
    custodian = next(iter(custodians(with_export.manifest)))
    approve(ledger, with_export.manifest, EXPORT, by=custodian, actor=custodian)
    request = DisposalRequest(EXPORT, "one-off audit export past its 30-day retention")
    outcome = dispose(ledger, workspace, with_export, request, actor=actor)
    certificate = out / "disposal-certificate.json"
    certificate.parent.mkdir(parents=True, exist_ok=True)
    certificate.write_text(json.dumps(outcome.certificate, indent=2) + "\n", encoding="utf-8")
    on_step(f"Disposal: {EXPORT} crypto-erased and verified; certificate {certificate.name}")
    verify_certificate(certificate.read_bytes(), workspace.public_key())
    forged = json.loads(certificate.read_text(encoding="utf-8"))
    forged["certificate"]["approved_by"] = "someone else"
    try:
        verify_certificate(json.dumps(forged).encode(), workspace.public_key())
    except CertificateError:
        pass
    else:
        raise VerificationError("the demo's forged disposal certificate verified")
    if export.exists():
        raise VerificationError(f"the demo's disposed export {export} still exists")
    after = load_manifest(manifest_path)
    if after.manifest.asset(EXPORT) is not None or not after.manifest.disposed:
        raise VerificationError(f"sai.yaml does not list the disposed {EXPORT} as disposed")
    return after


__all__ = ["EXPORT", "run_disposal_demo"]
