"""The audit-trail check (5.1.2-3): lifecycle evidence for every declared asset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sai.assessment.checks import CheckContext
from sai.assessment.checks.audit_trail import AssetAuditTrail
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.ledger import Evidence, Ledger, Origin
from sai.manifest import LoadedManifest

NOW = datetime(2026, 11, 24, tzinfo=UTC)


def _run(ledger: Ledger, loaded: LoadedManifest, now: datetime = NOW):
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
    return AssetAuditTrail().run(load_catalog().get("5.1.2-3"), ctx)


def _record(ledger: Ledger, subject: str, when: datetime) -> int:
    return ledger.append(
        Evidence.create(
            "asset.recorded",
            subject,
            actor="t",
            origin=Origin.control("test"),
            data={"x": 1},
            time=when,
        )
    ).index


class TestAuditTrail:
    def test_missing_assets_named(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _record(ledger, "clf", NOW)
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "train-data" in result.reason
        assert "system-prompt" in result.reason
        assert "clf" not in result.reason.split(":")[1]

    def test_all_recorded_pass(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        indices = {_record(ledger, name, NOW) for name in ("clf", "train-data", "system-prompt")}
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.PASS
        assert indices <= set(result.evidence)

    def test_stale_evidence_inconclusive(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        old = NOW - timedelta(days=200)
        for name in ("clf", "train-data", "system-prompt"):
            _record(ledger, name, old)
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "older than 90 days" in result.reason
