"""Disposal end to end: approval, crypto-erase, deletion, verification, certificate."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sai.disposal import (
    CertificateError,
    DisposalError,
    DisposalRequest,
    approve,
    custodians,
    dispose,
    verify_certificate,
)
from sai.disposal.locate import scan
from sai.inventory.custody import CustodySettings, Pkcs11Settings
from sai.inventory.errors import InventoryError, SealError
from sai.inventory.paths import InventoryPaths
from sai.inventory.seal import custody_for, unseal_asset
from sai.ledger.kinds import Kind
from tests.disposal.conftest import Project, seal_and_snapshot


def _digests_of(root: Path) -> set[str]:
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def _dispose(project: Project, name: str = "train-data", **kw: object):
    request = DisposalRequest(name, "end of the retention period", **kw)  # type: ignore[arg-type]
    return dispose(project.ledger, project.workspace, project.loaded, request, actor="op")


class TestCustodians:
    def test_role_or_list_names_a_custodian(self, project: Project) -> None:
        assert custodians(project.loaded.manifest) == {
            "Cleo Custodian": "data custodian",
            "Dana Data": "Data Custodian",
        }

    def test_someone_else_is_refused_and_nothing_is_recorded(self, project: Project) -> None:
        size = project.ledger.size()
        with pytest.raises(DisposalError, match="not a data custodian"):
            approve(
                project.ledger, project.loaded.manifest, "train-data", by="Test Owner", actor="x"
            )
        with pytest.raises(DisposalError, match="no asset called"):
            approve(project.ledger, project.loaded.manifest, "ghost", by="Dana Data", actor="x")
        assert project.ledger.size() == size


class TestDispose:
    def test_without_approval_nothing_is_deleted(self, project: Project) -> None:
        seal_and_snapshot(project)
        before = project.data.read_bytes()
        with pytest.raises(DisposalError, match="approved"):
            _dispose(project, force=True)
        assert project.data.read_bytes() == before
        assert custody_for(project.workspace, "train-data").copies("train-data")

    def test_unknown_asset_is_bad_input(self, project: Project) -> None:
        with pytest.raises(DisposalError, match="no asset called"):
            _dispose(project, "ghost")

    def test_dependents_need_force(self, project: Project) -> None:
        seal_and_snapshot(project)
        approve(project.ledger, project.loaded.manifest, "train-data", by="Dana Data", actor="d")
        with pytest.raises(DisposalError, match="clf"):
            _dispose(project)
        assert project.data.exists()
        outcome = _dispose(project, force=True)
        assert outcome.journal.forced
        assert outcome.journal.dependents == ("clf",)
        assert outcome.certificate["certificate"]["sanitization"]["forced_despite_dependents"] == [
            "clf"
        ]

    def test_crypto_erase_leaves_nothing_that_decrypts_or_matches(self, project: Project) -> None:
        plain = project.data.read_bytes()
        seal_and_snapshot(project)
        sealed = project.data.read_bytes()
        blobs = InventoryPaths.of(project.workspace).blobs
        wanted = {hashlib.sha256(plain).hexdigest(), hashlib.sha256(sealed).hexdigest()}
        assert wanted & _digests_of(blobs)
        approve(
            project.ledger, project.loaded.manifest, "train-data", by="Cleo Custodian", actor="d"
        )
        outcome = _dispose(project, force=True)
        assert not project.data.exists()
        assert not wanted & _digests_of(project.root)
        assert scan([project.root], dict.fromkeys(wanted, -1)) == []
        with pytest.raises(SealError):
            custody_for(project.workspace, "train-data").data_key("train-data", create=False)
        fields = outcome.certificate["certificate"]
        assert fields["sanitization"]["method"] == "purge"
        assert fields["sanitization"]["technique"] == "cryptographic erase"
        assert fields["verification"]["result"] == "passed"
        assert fields["approved_by"] == "Cleo Custodian"
        assert fields["operator"] == "op"
        kinds = [e.evidence.kind for e in project.ledger.query(subject="train-data")]
        assert kinds.index(Kind.KEY_DESTROYED) < kinds.index(Kind.DISPOSAL_COMPLETED)
        verified = verify_certificate(
            json.dumps(outcome.certificate).encode(), project.workspace.public_key()
        )
        assert verified.entry == outcome.entry

    def test_the_approval_is_used_up(self, project: Project) -> None:
        approve(project.ledger, project.loaded.manifest, "settings", by="Dana Data", actor="d")
        outcome = _dispose(project, "settings")
        assert outcome.journal.technique == "overwrite and delete"
        assert outcome.certificate["certificate"]["sanitization"]["method"] == "clear"
        (project.root / "settings.json").write_text("{}\n")
        with pytest.raises(DisposalError, match="approved"):
            _dispose(project, "settings")

    def test_running_again_reissues_the_certificate(self, project: Project) -> None:
        seal_and_snapshot(project, "system-prompt")
        approve(project.ledger, project.loaded.manifest, "system-prompt", by="Dana Data", actor="d")
        first = _dispose(project, "system-prompt")
        size = project.ledger.size()
        again = _dispose(project, "system-prompt")
        assert again.entry == first.entry
        assert project.ledger.size() == size

    def test_a_copy_left_outside_fails_verification(self, project: Project, tmp_path: Path) -> None:
        seal_and_snapshot(project, "system-prompt")
        outside = tmp_path / "elsewhere"
        outside.mkdir()
        (outside / "copy.bin").write_bytes((project.root / "prompt.txt").read_bytes())
        approve(project.ledger, project.loaded.manifest, "system-prompt", by="Dana Data", actor="d")
        from sai.disposal import DisposalIncomplete

        with pytest.raises(DisposalIncomplete, match=r"copy\.bin"):
            _dispose(project, "system-prompt", also=(outside,))
        assert project.ledger.latest(kind=Kind.DISPOSAL_COMPLETED) is None
        (outside / "copy.bin").unlink()
        outcome = _dispose(project, "system-prompt", also=(outside,))
        assert outcome.resumed


class TestCertificate:
    @pytest.fixture
    def certificate(self, project: Project) -> dict:
        seal_and_snapshot(project, "system-prompt")
        approve(project.ledger, project.loaded.manifest, "system-prompt", by="Dana Data", actor="d")
        return _dispose(project, "system-prompt").certificate

    @pytest.mark.parametrize(
        "path",
        [
            ("certificate", "approved_by"),
            ("certificate", "asset", "name"),
            ("certificate", "verification", "result"),
            ("ledger", "entry"),
            ("format",),
        ],
    )
    def test_tampering_fails(self, project: Project, certificate: dict, path: tuple) -> None:
        doc = json.loads(json.dumps(certificate))
        target = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = "forged" if isinstance(target[path[-1]], str) else 99
        with pytest.raises(CertificateError):
            verify_certificate(json.dumps(doc).encode(), project.workspace.public_key())

    def test_another_workspaces_key_fails(self, certificate: dict, tmp_path: Path) -> None:
        from sai.workspace import create_workspace

        other = tmp_path / "other"
        other.mkdir()
        key = create_workspace(other, name="other").public_key()
        with pytest.raises(CertificateError, match="does not verify with this key"):
            verify_certificate(json.dumps(certificate).encode(), key)

    def test_re_signed_with_forged_fields_fails_on_the_ledger_entry(
        self, project: Project, certificate: dict
    ) -> None:
        from sai.disposal.certificate import sign_certificate
        from sai.ledger import InclusionProof, open_checkpoint

        doc = json.loads(json.dumps(certificate))
        fields = {**doc["certificate"], "approved_by": "Mallory"}
        ledger = doc["ledger"]
        signed = open_checkpoint(
            ledger["checkpoint"].encode(), [project.ledger.verifier], origin=ledger["origin"]
        )
        import base64

        forged = sign_certificate(
            fields,
            leaf=base64.b64decode(ledger["leaf"]),
            proof=InclusionProof.from_json(ledger["proof"]),
            checkpoint=signed,
            key_name=ledger["key_name"],
            key=project.workspace.signing_key(),
        )
        with pytest.raises(CertificateError, match="not those of its ledger entry"):
            verify_certificate(json.dumps(forged).encode(), project.workspace.public_key())


def test_unseal_after_disposal_fails(project: Project) -> None:
    seal_and_snapshot(project, "system-prompt")
    approve(project.ledger, project.loaded.manifest, "system-prompt", by="Dana Data", actor="d")
    _dispose(project, "system-prompt")
    with pytest.raises(InventoryError, match=r"not sealed|no data key|does not exist"):
        unseal_asset(project.ledger, project.workspace, project.loaded, "system-prompt", actor="t")


def test_snapshots_never_copy_a_confidential_asset_in_clear(project: Project) -> None:
    from sai.inventory import snapshot

    plain = hashlib.sha256(project.data.read_bytes()).hexdigest()
    made, _ = snapshot.snapshot(project.ledger, project.workspace, project.loaded, actor="t")
    held = made.asset("train-data")
    assert held is not None
    assert held.mode == "reference"
    assert plain not in _digests_of(InventoryPaths.of(project.workspace).blobs)
    seal_and_snapshot(project)
    newest = snapshot.latest_snapshot(project.workspace).asset("train-data")
    assert newest is not None
    assert newest.mode == "copy"


def test_a_pkcs11_disposal_resumes_only_with_the_token(
    project: Project, tmp_path: Path, softhsm: Pkcs11Settings
) -> None:
    from sai.disposal import DisposalIncomplete
    from sai.inventory import seal

    settings = CustodySettings(softhsm)
    seal.seal_asset(
        project.ledger,
        project.workspace,
        project.loaded,
        "system-prompt",
        actor="t",
        custody=settings,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "copy").write_bytes((project.root / "prompt.txt").read_bytes())
    approve(project.ledger, project.loaded.manifest, "system-prompt", by="Dana Data", actor="d")
    request = DisposalRequest("system-prompt", "gone", also=(outside,))
    with pytest.raises(DisposalIncomplete):
        dispose(
            project.ledger, project.workspace, project.loaded, request, actor="op", custody=settings
        )
    (outside / "copy").unlink()
    with pytest.raises(DisposalError, match="pkcs11 custody"):
        dispose(project.ledger, project.workspace, project.loaded, request, actor="op")
    outcome = dispose(
        project.ledger, project.workspace, project.loaded, request, actor="op", custody=settings
    )
    assert outcome.resumed
    assert outcome.certificate["certificate"]["verification"]["key_copies_remaining"] == []
