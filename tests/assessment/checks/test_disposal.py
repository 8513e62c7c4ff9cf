"""Disposal checks decide 5.5.1-1, 5.5.1-2 and custody for 5.2.1-4.2 from recorded evidence."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sai.assessment.checks import CheckContext
from sai.assessment.checks.base import Check
from sai.assessment.checks.disposal import DisposalVerified, TransferCustodied
from sai.assessment.checks.inventory import ConfidentialSealed
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.disposal import DisposalRequest, approve, dispose
from sai.disposal.transfer import transfer
from sai.ledger import Evidence, Origin
from sai.ledger.kinds import Kind
from tests.disposal import conftest as disposal_conftest
from tests.disposal.conftest import Project, seal_and_snapshot

project = disposal_conftest.project


def _decide(project: Project, check: Check, pid: str):
    now = datetime.now(UTC)
    entry = record_manifest(project.ledger, project.loaded, actor="t", now=now)
    ctx = CheckContext(
        ledger=project.ledger, manifest=project.loaded.manifest, manifest_entry=entry, now=now
    )
    return check.run(load_catalog().get(pid), ctx)


def _dispose(project: Project, name: str) -> None:
    approve(project.ledger, project.loaded.manifest, name, by="Dana Data", actor="d")
    request = DisposalRequest(name, "retired", force=True)
    dispose(project.ledger, project.workspace, project.loaded, request, actor="op")


def test_disposal_none_then_pass_then_fail(project: Project) -> None:
    result = _decide(project, DisposalVerified(), "5.5.1-2")
    assert result.verdict is Verdict.INCONCLUSIVE
    assert "sai dispose" in result.reason
    seal_and_snapshot(project, "system-prompt")
    _dispose(project, "system-prompt")
    result = _decide(project, DisposalVerified(), "5.5.1-2")
    assert result.verdict is Verdict.PASS, result.reason
    forged = project.ledger.latest(kind=Kind.DISPOSAL_COMPLETED)
    assert forged is not None
    data = dict(forged.evidence.data)
    data["verification"] = {**data["verification"], "result": "failed"}
    data["disposal"] = "dsp-other"
    project.ledger.append(
        Evidence.create(
            Kind.DISPOSAL_COMPLETED,
            "settings",
            provisions=("5.5.1-2",),
            actor="x",
            origin=Origin.control("disposal.dispose"),
            data=data,
        )
    )
    result = _decide(project, DisposalVerified(), "5.5.1-2")
    assert result.verdict is Verdict.FAIL
    assert "verification did not pass" in result.reason
    assert "no data custodian's approval" in result.reason


def test_transfer_none_then_pass(project: Project, tmp_path: Path) -> None:
    assert _decide(project, TransferCustodied(), "5.5.1-1").verdict is Verdict.INCONCLUSIVE
    approve(project.ledger, project.loaded.manifest, "settings", by="Dana Data", actor="d")
    recipient = X25519PrivateKey.generate().public_key()
    transfer(
        project.ledger,
        project.workspace,
        project.loaded,
        DisposalRequest("settings", "new owner"),
        recipient,
        tmp_path / "pkg",
        actor="op",
    )
    result = _decide(project, TransferCustodied(), "5.5.1-1")
    assert result.verdict is Verdict.PASS, result.reason


def test_transfer_without_local_disposal_fails(project: Project) -> None:
    project.ledger.append(
        Evidence.create(
            Kind.ASSET_TRANSFERRED,
            "settings",
            provisions=("5.5.1-1",),
            actor="x",
            origin=Origin.control("disposal.transfer"),
            data={
                "recipient": "sha256:00",
                "package_digest": "sha256:11",
                "files": 1,
                "bytes": 1,
                "scheme": "x",
            },
        )
    )
    result = _decide(project, TransferCustodied(), "5.5.1-1")
    assert result.verdict is Verdict.FAIL
    assert "not disposed of" in result.reason


def test_confidential_needs_custody_recorded(project: Project) -> None:
    assert _decide(project, ConfidentialSealed(), "5.2.1-4.2").verdict is Verdict.FAIL
    seal_and_snapshot(project)
    result = _decide(project, ConfidentialSealed(), "5.2.1-4.2")
    assert result.verdict is Verdict.PASS
    assert "file custody" in result.reason
    sealed = project.ledger.latest(kind=Kind.ASSET_SEALED, subject="train-data")
    assert sealed is not None
    project.ledger.append(
        Evidence.create(
            Kind.ASSET_SEALED,
            "train-data",
            provisions=("5.2.1-4.2",),
            actor="x",
            origin=Origin.control("inventory.sealing"),
            data={**sealed.evidence.data, "key_id": "dk-unknown"},
        )
    )
    result = _decide(project, ConfidentialSealed(), "5.2.1-4.2")
    assert result.verdict is Verdict.INCONCLUSIVE
    assert "custody" in result.reason
    _dispose(project, "train-data")
    assert _decide(project, ConfidentialSealed(), "5.2.1-4.2").verdict is Verdict.PASS
