"""Supply-chain checks (5.2.3-1, 5.2.3-2, 5.2.3-2.1, 5.1.2-4) over scan evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.corpus import build as b

from sai.assessment.checks import CheckContext
from sai.assessment.checks.supply_chain import (
    ExternalComponentsAssessed,
    ExternalModelDecisions,
    ModelFilesScanned,
)
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.inventory.discovery import build_inventory
from sai.inventory.record import record_scan
from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import AssetRecorded
from sai.manifest import load_manifest
from sai.scanning import ScanSettings, audit, audit_evidence, load_policy, scan_file
from sai.scanning.deps import AdvisoryDatabase, Package, SourceFormat
from sai.scanning.record import decision_evidence, scan_evidence
from tests.assessment.conftest import MANIFEST, write_project

NOW = datetime.now(UTC)
EXTERNAL = MANIFEST.replace("source: trained-in-house", "source: hf.co/someone/model")


def _ctx(
    ledger: Ledger,
    root: Path,
    manifest: str = MANIFEST,
    *,
    model: bytes | None = None,
    scan: bool = True,
    inventory: bool = True,
) -> CheckContext:
    loaded = load_manifest(write_project(root, manifest))
    if model is not None:
        (root / "model.bin").write_bytes(model)
    if scan:
        result = scan_file(root / "model.bin", ScanSettings())
        ledger.append(scan_evidence(result, manifest=loaded, policy=None, root=root, time=NOW))
    if inventory:
        record_scan(ledger, build_inventory(loaded), actor="t", now=NOW)
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    return CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=NOW)


def _run(check, pid: str, ctx: CheckContext):  # type: ignore[no-untyped-def]
    return check.run(load_catalog().get(pid), ctx)


class TestModelFilesScanned:
    def test_clean_scan_passes(self, ledger: Ledger, workspace_dir: Path) -> None:
        ctx = _ctx(ledger, workspace_dir, model=b.proto(2, b"}."))
        result = _run(ModelFilesScanned(), "5.2.3-1", ctx)
        assert result.verdict is Verdict.PASS
        assert result.evidence

    def test_unsafe_fails_naming_file_and_callable(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        ctx = _ctx(ledger, workspace_dir, model=b.call_pickle("os", "system"))
        result = _run(ModelFilesScanned(), "5.2.3-1", ctx)
        assert result.verdict is Verdict.FAIL
        assert "model.bin" in result.reason
        assert "os.system" in result.reason

    def test_unknown_callables_await_review(self, ledger: Ledger, workspace_dir: Path) -> None:
        ctx = _ctx(ledger, workspace_dir, model=b.call_pickle("acme_models", "Scorer"))
        result = _run(ModelFilesScanned(), "5.2.3-1", ctx)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "allow-list does not know" in result.reason
        assert "model.bin" in result.reason

    def test_a_scan_not_bound_to_a_current_digest_is_inconclusive(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        ctx = _ctx(ledger, workspace_dir, model=b.proto(2, b"}."), inventory=False)
        result = _run(ModelFilesScanned(), "5.2.3-1", ctx)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai inventory scan" in result.reason

    def test_missing_scan_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        ctx = _ctx(ledger, workspace_dir, scan=False)
        result = _run(ModelFilesScanned(), "5.2.3-1", ctx)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai scan" in result.reason

    def test_changed_digest_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        ctx = _ctx(ledger, workspace_dir, model=b.proto(2, b"}."))
        ledger.append(
            Evidence.create(
                "asset.recorded",
                "clf",
                provisions=("5.2.1-1",),
                actor="t",
                origin=Origin.control("inventory.scan"),
                data=AssetRecorded(name="clf", type="model", digest="sha256:" + "0" * 64).to_data(),
            )
        )
        result = _run(ModelFilesScanned(), "5.2.3-1", ctx)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "clf" in result.reason

    def test_old_scan_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        ctx = _ctx(ledger, workspace_dir, model=b.proto(2, b"}."))
        later = CheckContext(
            ctx.ledger, ctx.manifest, ctx.manifest_entry, NOW + timedelta(days=200)
        )
        assert _run(ModelFilesScanned(), "5.2.3-1", later).verdict is Verdict.INCONCLUSIVE


class TestExternalDecisions:
    def test_in_house_only_has_nothing_to_judge(self, ledger: Ledger, workspace_dir: Path) -> None:
        ctx = _ctx(ledger, workspace_dir, scan=False)
        result = _run(ExternalModelDecisions(), "5.2.3-2", ctx)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "exclude" in result.reason

    def test_a_mirror_named_internal_is_external(self, ledger: Ledger, workspace_dir: Path) -> None:
        mirror = MANIFEST.replace("source: trained-in-house", "source: internal-mirror-of-hf/llama")
        ctx = _ctx(ledger, workspace_dir, mirror, scan=False)
        result = _run(ExternalModelDecisions(), "5.2.3-2", ctx)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "no recorded decision for external models clf" in result.reason

    def test_external_without_decision(self, ledger: Ledger, workspace_dir: Path) -> None:
        ctx = _ctx(ledger, workspace_dir, EXTERNAL, scan=False)
        result = _run(ExternalModelDecisions(), "5.2.3-2", ctx)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "--policy" in result.reason

    def test_decision_and_risk_assessment(self, ledger: Ledger, workspace_dir: Path) -> None:
        policy_file = workspace_dir / "policy.yaml"
        policy_file.write_text(
            "models:\n  - name: clf\n    justification: the only model for the task\n"
        )
        ledger.append_many(decision_evidence(load_policy(policy_file)))
        ctx = _ctx(ledger, workspace_dir, EXTERNAL, scan=False)
        assert _run(ExternalModelDecisions(), "5.2.3-2", ctx).verdict is Verdict.PASS
        thin = _run(ExternalModelDecisions(), "5.2.3-2.1", ctx)
        assert thin.verdict is Verdict.INCONCLUSIVE
        assert "risk_assessment" in thin.reason


class TestExternalComponents:
    def _audit(
        self,
        ledger: Ledger,
        vulnerable: bool,
        *,
        advisories: bool = True,
        modified: str = (NOW - timedelta(days=2)).isoformat(),
    ) -> None:
        osv = [
            {
                "id": "OSV-1",
                "affected": [
                    {
                        "package": {"ecosystem": "PyPI", "name": "x"},
                        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}],
                    }
                ],
            }
        ]
        records = tuple(osv) if advisories else ()
        database = AdvisoryDatabase(records, "sha256:00", SourceFormat.osv_json, "", 0, 0)
        result = audit([Package("x" if vulnerable else "y", "1.0")], database)
        ledger.append(audit_evidence(result, database_modified=modified, time=NOW))

    def test_an_empty_database_shows_nothing(self, ledger: Ledger, workspace_dir: Path) -> None:
        self._audit(ledger, vulnerable=False, advisories=False)
        result = _run(ExternalComponentsAssessed(), "5.1.2-4", _ctx(ledger, workspace_dir))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "held 0 advisories" in result.reason

    def test_an_old_or_undated_database_is_not_enough(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        self._audit(ledger, vulnerable=False, modified=(NOW - timedelta(days=45)).isoformat())
        old = _run(ExternalComponentsAssessed(), "5.1.2-4", _ctx(ledger, workspace_dir))
        assert old.verdict is Verdict.INCONCLUSIVE
        assert "holds 1 advisories" in old.reason
        assert "no older than 30 days" in old.reason
        self._audit(ledger, vulnerable=False, modified="")
        undated = _run(ExternalComponentsAssessed(), "5.1.2-4", _ctx(ledger, workspace_dir))
        assert "of unknown date" in undated.reason

    def test_no_audit_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        result = _run(ExternalComponentsAssessed(), "5.1.2-4", _ctx(ledger, workspace_dir))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "--deps" in result.reason

    def test_vulnerable_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        self._audit(ledger, vulnerable=True)
        result = _run(ExternalComponentsAssessed(), "5.1.2-4", _ctx(ledger, workspace_dir))
        assert result.verdict is Verdict.FAIL
        assert "OSV-1" in result.reason

    def test_clean_audit_and_scanned_external_model(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        self._audit(ledger, vulnerable=False)
        ctx = _ctx(ledger, workspace_dir, EXTERNAL, model=b.proto(2, b"}."))
        assert _run(ExternalComponentsAssessed(), "5.1.2-4", ctx).verdict is Verdict.PASS

    def test_unsafe_external_model_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        self._audit(ledger, vulnerable=False)
        ctx = _ctx(ledger, workspace_dir, EXTERNAL, model=b.call_pickle("os", "system"))
        assert _run(ExternalComponentsAssessed(), "5.1.2-4", ctx).verdict is Verdict.FAIL
