"""The training-data checks: provenance (5.2.4-2/-2.1), protection and use (5.2.1-4, 5.1.2-5),
sign-off (5.1.2-1.1), separation (5.2.2-3) and the data side of 5.2.1-4.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sai.assessment.checks import CheckContext
from sai.assessment.checks.base import Check
from sai.assessment.checks.data_custody import CustodianApproved, TrainingDataSeparated
from sai.assessment.checks.data_screens import data_screen_status
from sai.assessment.checks.data_use import SensitiveDataProtected, UseSuitsSensitivity
from sai.assessment.checks.provenance import ProvenanceDetails, ProvenanceRecorded
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.ledger import Evidence, Ledger, Origin
from sai.manifest import load_manifest
from sai.provenance import record as rec
from tests.assessment.conftest import MANIFEST, write_project

NOW = datetime(2026, 11, 24, tzinfo=UTC)
DIGEST = "sha256:" + "a" * 64
OTHER = "sha256:" + "b" * 64


def _ctx(ledger: Ledger, root: Path, manifest: str = MANIFEST) -> CheckContext:
    loaded = load_manifest(write_project(root, manifest))
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    return CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=NOW)


def _run(check: Check, ctx: CheckContext):
    return check.run(load_catalog().get(check.provisions[0]), ctx)


def _add(ledger: Ledger, kind: str, subject: str, data: dict[str, Any], days_ago: int = 1) -> int:
    evidence = Evidence.create(
        kind,
        subject,
        provisions=rec.PROVISIONS[kind],
        actor="t",
        origin=Origin.control("provenance.test"),
        data=data,
        time=NOW - timedelta(days=days_ago),
    )
    return ledger.append(evidence).index


def _provenance(ledger: Ledger, digest: str = DIGEST, **extra: Any) -> int:
    record = rec.ProvenanceRecord(
        dataset="train-data",
        path="data.csv",
        method="fetch",
        source_url="https://x.org/d.csv",
        final_url="https://cdn.x.org/d.csv",
        redirects=[],
        retrieved="2026-11-01T10:00:00Z",
        http_date=None,
        etag=None,
        last_modified=None,
        licence="CC0-1.0",
        retriever="t",
        size=10,
        digest=digest,
        format="csv",
        rows=1,
        columns=["a", "b"],
        row_manifest=None,
    )
    return _add(ledger, rec.PROVENANCE, "train-data", {**record.to_data(), **extra})


def _verified(ledger: Ledger, actual: str, mode: str = "0o600", days_ago: int = 1) -> int:
    data = rec.VerifyRecord("train-data", 0, DIGEST, actual, actual == DIGEST, 10, mode, None)
    return _add(ledger, rec.VERIFIED, "train-data", data.to_data(), days_ago)


class TestProvenance:
    def test_nothing_recorded_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        result = _run(ProvenanceRecorded(), _ctx(ledger, workspace_dir))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai data fetch" in result.reason

    def test_recorded_and_verified_passes(self, ledger: Ledger, workspace_dir: Path) -> None:
        record = _provenance(ledger)
        verify = _verified(ledger, DIGEST)
        ctx = _ctx(ledger, workspace_dir)
        for check in (ProvenanceRecorded(), ProvenanceDetails()):
            result = _run(check, ctx)
            assert result.verdict is Verdict.PASS, result.reason
            assert {record, verify} <= set(result.evidence)

    def test_changed_data_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        _provenance(ledger)
        _verified(ledger, OTHER)
        result = _run(ProvenanceRecorded(), _ctx(ledger, workspace_dir))
        assert result.verdict is Verdict.FAIL
        assert "train-data" in result.reason
        assert "sai data verify" in result.reason

    def test_old_observation_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        _provenance(ledger)
        _verified(ledger, DIGEST, days_ago=45)
        result = _run(ProvenanceRecorded(), _ctx(ledger, workspace_dir))
        assert result.verdict is Verdict.INCONCLUSIVE  # the latest verify is 45 days old
        assert "run `sai data verify`" in result.reason

    def test_fetched_without_final_url_fails_details(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        _provenance(ledger, final_url=None)
        result = _run(ProvenanceDetails(), _ctx(ledger, workspace_dir))
        assert result.verdict is Verdict.FAIL
        assert "no final URL" in result.reason


CLASSIFIED = MANIFEST.replace(
    "    owner: data-office\n",
    "    owner: data-office\n    sensitivity: confidential\n    audience: [admin]\n",
)


class TestSensitiveDataProtected:
    def test_unclassified_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        result = _run(SensitiveDataProtected(), _ctx(ledger, workspace_dir))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sensitivity" in result.reason

    @pytest.mark.parametrize(
        ("mode", "verdict"), [("0o600", Verdict.PASS), ("0o644", Verdict.FAIL)]
    )
    def test_file_mode(
        self, ledger: Ledger, workspace_dir: Path, mode: str, verdict: Verdict
    ) -> None:
        _provenance(ledger)
        _verified(ledger, DIGEST, mode=mode)
        result = _run(SensitiveDataProtected(), _ctx(ledger, workspace_dir, CLASSIFIED))
        assert result.verdict is verdict, result.reason

    def test_sealed_passes(self, ledger: Ledger, workspace_dir: Path) -> None:
        ledger.append(
            Evidence.create(
                "asset.sealed",
                "train-data",
                provisions=("5.2.1-4.2",),
                actor="t",
                origin=Origin.control("provenance.test"),
                data={},
            )
        )
        assert (
            _run(SensitiveDataProtected(), _ctx(ledger, workspace_dir, CLASSIFIED)).verdict
            is Verdict.PASS
        )

    def test_personal_data_in_internal_data_fails(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        text = MANIFEST.replace(
            "    owner: data-office\n", "    owner: data-office\n    sensitivity: internal\n"
        )
        screen = rec.ScreenRecord(
            "train-data",
            DIGEST,
            1,
            None,
            ["personal-data"],
            [{"screen": "personal-data", "count": 1, "rows": [0], "message": "m"}],
            {},
            None,
        )
        _add(ledger, rec.SCREENED, "train-data", screen.to_data())
        result = _run(SensitiveDataProtected(), _ctx(ledger, workspace_dir, text))
        assert result.verdict is Verdict.FAIL
        assert "sensitivity: personal" in result.reason


class TestUseSuitsSensitivity:
    def test_default_user_role_reaches_the_model(self, ledger: Ledger, workspace_dir: Path) -> None:
        result = _run(UseSuitsSensitivity(), _ctx(ledger, workspace_dir, CLASSIFIED))
        assert result.verdict is Verdict.FAIL
        assert "role user reaches clf" in result.reason

    def test_audience_and_output_guards_pass(self, ledger: Ledger, workspace_dir: Path) -> None:
        text = CLASSIFIED.replace("audience: [admin]", "audience: [admin, user]") + (
            "guards:\n  output: [pii, leakage]\n"
        )
        result = _run(UseSuitsSensitivity(), _ctx(ledger, workspace_dir, text))
        assert result.verdict is Verdict.INCONCLUSIVE  # the custodian has not confirmed it
        assert "sai data approve" in result.reason
        _provenance(ledger)
        approval = rec.ApprovalRecord(
            "train-data", "Dana", DIGEST, "confidential", "Testing the assessment engine.", "ok"
        )
        _add(ledger, rec.APPROVED, "train-data", approval.to_data())
        result = _run(UseSuitsSensitivity(), _ctx(ledger, workspace_dir, text))
        assert result.verdict is Verdict.PASS, result.reason

    def test_missing_output_guards_fail(self, ledger: Ledger, workspace_dir: Path) -> None:
        text = CLASSIFIED.replace("audience: [admin]", "audience: [admin, user]") + (
            "guards:\n  output: [secrets]\n"
        )
        result = _run(UseSuitsSensitivity(), _ctx(ledger, workspace_dir, text))
        assert result.verdict is Verdict.FAIL
        assert "pii/leakage output guard" in result.reason


class TestCustodianApproved:
    def _approve(
        self, ledger: Ledger, digest: str, use: str = "Testing the assessment engine."
    ) -> None:
        data = rec.ApprovalRecord("train-data", "Dana", digest, "confidential", use, "ok")
        _add(ledger, rec.APPROVED, "train-data", data.to_data())

    def test_current_sign_off_passes(self, ledger: Ledger, workspace_dir: Path) -> None:
        _provenance(ledger)
        self._approve(ledger, DIGEST)
        assert (
            _run(CustodianApproved(), _ctx(ledger, workspace_dir, CLASSIFIED)).verdict
            is Verdict.PASS
        )

    @pytest.mark.parametrize(
        ("digest", "use", "why"),
        [
            (OTHER, "Testing the assessment engine.", "data changed"),
            (DIGEST, "Something else.", "intended use changed"),
        ],
    )
    def test_outdated_sign_off(
        self, ledger: Ledger, workspace_dir: Path, digest: str, use: str, why: str
    ) -> None:
        _provenance(ledger)
        self._approve(ledger, digest, use)
        result = _run(CustodianApproved(), _ctx(ledger, workspace_dir, CLASSIFIED))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert why in result.reason


class TestSeparation:
    def _env(self, ledger: Ledger, findings: list[dict[str, str]], days_ago: int = 1) -> None:
        data = rec.EnvCheckRecord("dist/app.whl", DIGEST, 10, ["train-data"], findings)
        _add(ledger, rec.ENV_CHECKED, "dist/app.whl", data.to_data(), days_ago)

    def test_no_check_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        assert (
            _run(TrainingDataSeparated(), _ctx(ledger, workspace_dir, CLASSIFIED)).verdict
            is Verdict.INCONCLUSIVE
        )

    def test_leak_fails_clean_passes(self, ledger: Ledger, workspace_dir: Path) -> None:
        self._env(
            ledger, [{"file": "app/data.csv", "dataset": "train-data", "match": "file", "rows": 0}]
        )
        result = _run(TrainingDataSeparated(), _ctx(ledger, workspace_dir, CLASSIFIED))
        assert result.verdict is Verdict.FAIL
        assert "app/data.csv" in result.reason
        self._env(ledger, [])
        assert (
            _run(TrainingDataSeparated(), _ctx(ledger, workspace_dir, CLASSIFIED)).verdict
            is Verdict.PASS
        )

    def test_stale_check(self, ledger: Ledger, workspace_dir: Path) -> None:
        self._env(ledger, [], days_ago=40)
        assert (
            _run(TrainingDataSeparated(), _ctx(ledger, workspace_dir, CLASSIFIED)).verdict
            is Verdict.INCONCLUSIVE
        )


class TestDataScreens:
    def _screen(self, ledger: Ledger, digest: str, findings: list[dict[str, Any]]) -> None:
        data = rec.ScreenRecord(
            "train-data", digest, 1, "b", ["label-issues"], findings, {}, {"2": 1}
        )
        _add(ledger, rec.SCREENED, "train-data", data.to_data())

    def test_statuses(self, ledger: Ledger, workspace_dir: Path) -> None:
        _provenance(ledger)
        assert data_screen_status(_ctx(ledger, workspace_dir)).verdict is Verdict.INCONCLUSIVE
        self._screen(
            ledger, DIGEST, [{"screen": "label-issues", "count": 3, "rows": [1], "message": "m"}]
        )
        status = data_screen_status(_ctx(ledger, workspace_dir))
        assert status.verdict is None
        assert "for review: train-data: 3 rows (label-issues)" in status.reason
        self._screen(
            ledger,
            DIGEST,
            [{"screen": "hidden-instructions", "count": 1, "rows": [0], "message": "m"}],
        )
        assert data_screen_status(_ctx(ledger, workspace_dir)).verdict is Verdict.FAIL
        self._screen(ledger, OTHER, [])
        assert "data changed" in data_screen_status(_ctx(ledger, workspace_dir)).reason
