"""Principle 4 checks on the console's evidence: review tooling on time, explanations,
custodian requirements backed by passing verdicts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sai.assessment.checks import CHECKS, CheckContext, checks_by_provision
from sai.assessment.checks.console import (
    CustodianRequirementsMet,
    OutputsExplained,
    ReviewToolingWorks,
)
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import load_catalog
from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import (
    Attestation,
    Attribution,
    ConsoleExplanation,
    ConsoleReview,
    ConsoleReviewTimeout,
    Kind,
)
from sai.manifest import ManifestError, load_manifest
from tests.assessment.conftest import MANIFEST, write_project

NOW = datetime.now(UTC)
REVIEW_ON = "gateway:\n  policies:\n    review_on: [pii]\n"
LOCAL = MANIFEST.replace(
    "path: model.bin\n    format: other", "path: model.bin\n    format: joblib"
)


def _run(check: object, provision: str, ledger: Ledger, root: Path, text: str) -> CheckResult:
    loaded = load_manifest(write_project(root, text))
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=NOW)
    return check.run(load_catalog().get(provision), ctx)  # type: ignore[attr-defined]


def _decision(
    ledger: Ledger, *, on_time: bool = True, days: int = 1, origin: str = "web.review"
) -> None:
    payload = ConsoleReview(
        review_id="rev_1",
        decision="approve",
        reason="ok",
        reviewer_key_id="r",
        requester_key_id="u",
        waited_seconds=60 if on_time else 7200,
        deadline_seconds=3600,
        within_deadline=on_time,
        four_eyes=True,
        gateway_entry=0,
    )
    ledger.append(
        Evidence.create(
            Kind.CONSOLE_REVIEW,
            "chat",
            actor="key:r",
            origin=Origin.control(origin),
            data=payload.to_data(),
            time=NOW - timedelta(days=days),
        )
    )


def _timeout(ledger: Ledger) -> None:
    payload = ConsoleReviewTimeout(
        review_id="rev_2",
        requester_key_id="u",
        waited_seconds=4000,
        deadline_seconds=3600,
        outcome="blocked",
    )
    ledger.append(
        Evidence.create(
            Kind.CONSOLE_REVIEW_TIMEOUT,
            "chat",
            actor="sai-console",
            origin=Origin.control("web.deadline"),
            data=payload.to_data(),
            time=NOW - timedelta(hours=1),
        )
    )


class TestReviewTooling:
    def test_needs_review_configured(self, ledger: Ledger, workspace_dir: Path) -> None:
        result = _run(ReviewToolingWorks(), "5.1.4-3", ledger, workspace_dir, MANIFEST)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "review_on" in result.reason

    def test_no_decisions_is_inconclusive(self, ledger: Ledger, workspace_dir: Path) -> None:
        _timeout(ledger)
        result = _run(ReviewToolingWorks(), "5.1.4-3", ledger, workspace_dir, MANIFEST + REVIEW_ON)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai console" in result.reason

    def test_on_time_decisions_pass(self, ledger: Ledger, workspace_dir: Path) -> None:
        for _ in range(9):
            _decision(ledger)
        _timeout(ledger)  # 9 of 10 on time: exactly the 90% floor
        result = _run(ReviewToolingWorks(), "5.1.4-3", ledger, workspace_dir, MANIFEST + REVIEW_ON)
        assert result.verdict is Verdict.PASS
        assert "9 of 10" in result.reason

    def test_too_many_missed_deadlines_fail(self, ledger: Ledger, workspace_dir: Path) -> None:
        for _ in range(8):
            _decision(ledger)
        _decision(ledger, on_time=False)
        _timeout(ledger)  # 8 of 10
        result = _run(ReviewToolingWorks(), "5.1.4-3", ledger, workspace_dir, MANIFEST + REVIEW_ON)
        assert result.verdict is Verdict.FAIL
        assert "8 of 10" in result.reason
        assert "1 timed out, 1 late" in result.reason

    def test_old_or_stated_decisions_do_not_count(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        _decision(ledger, days=100)
        ledger.append(
            Evidence.create(
                Kind.CONSOLE_REVIEW,
                "chat",
                actor="x",
                origin=Origin.person("x"),
                data={"review_id": "r"},
                time=NOW,
            )
        )
        result = _run(ReviewToolingWorks(), "5.1.4-3", ledger, workspace_dir, MANIFEST + REVIEW_ON)
        assert result.verdict is Verdict.INCONCLUSIVE


def _explained(ledger: Ledger, model: str, attributions: int = 2, days: int = 1) -> None:
    payload = ConsoleExplanation(
        model=model,
        model_digest="sha256:" + "0" * 64,
        method="baseline Shapley values, exact over all coalitions",
        prediction="1",
        score_ppm=900_000,
        baseline_score_ppm=500_000,
        attributions=tuple(
            Attribution(feature=f"x{i}", value="1.0", contribution_ppm=400_000 // attributions)
            for i in range(attributions)
        ),
    )
    ledger.append(
        Evidence.create(
            Kind.CONSOLE_EXPLANATION,
            model,
            actor="key:r",
            origin=Origin.control("web.explain"),
            data=payload.to_data(),
            time=NOW - timedelta(days=days),
        )
    )


class TestExplanations:
    def test_no_local_model(self, ledger: Ledger, workspace_dir: Path) -> None:
        result = _run(OutputsExplained(), "5.1.4-2", ledger, workspace_dir, MANIFEST)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "attest" in result.reason

    def test_each_local_model_needs_a_recent_explanation(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        check = OutputsExplained()
        assert _run(check, "5.1.4-2", ledger, workspace_dir, LOCAL).verdict is Verdict.INCONCLUSIVE
        _explained(ledger, "clf", days=120)
        _explained(ledger, "other")
        _explained(ledger, "clf", attributions=0)
        result = _run(check, "5.1.4-2", ledger, workspace_dir, LOCAL)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "clf" in result.reason
        _explained(ledger, "clf")
        assert _run(check, "5.1.4-2", ledger, workspace_dir, LOCAL).verdict is Verdict.PASS


CUSTODIANS = """\
custodian_requirements:
  - id: pii-redacted
    requirement: Personal data is redacted in outputs.
    custodian: data-office
    backed_by: [{backing}]
"""


class TestCustodianRequirements:
    def check(self) -> CustodianRequirementsMet:
        return CustodianRequirementsMet(lambda: checks_by_provision(CHECKS))

    def test_none_listed(self, ledger: Ledger, workspace_dir: Path) -> None:
        result = _run(self.check(), "5.1.4-4", ledger, workspace_dir, MANIFEST)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "custodian_requirements" in result.reason

    def test_backed_by_an_attested_provision(self, ledger: Ledger, workspace_dir: Path) -> None:
        # Every provision has a check now: without 5.1.2-5.1's, attestation decides it.
        without = tuple(c for c in CHECKS if "5.1.2-5.1" not in c.provisions)
        check = CustodianRequirementsMet(lambda: checks_by_provision(without))
        assert "5.1.2-5.1" not in checks_by_provision(without)
        text = MANIFEST + CUSTODIANS.format(backing="5.1.2-5.1")
        result = _run(check, "5.1.4-4", ledger, workspace_dir, text)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "pii-redacted (5.1.2-5.1 is inconclusive)" in result.reason
        ledger.append(
            Evidence.create(
                Kind.ATTESTATION,
                "5.1.2-5.1",
                actor="Dana",
                origin=Origin.person("Dana"),
                data=Attestation(
                    statement="Yearly AI security training.", review_by="2099-01-01"
                ).to_data(),
            )
        )
        result = _run(check, "5.1.4-4", ledger, workspace_dir, text)
        assert result.verdict is Verdict.PASS
        assert "all 1 custodian requirements" in result.reason

    def test_failing_backing_check_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        _decision(ledger, on_time=False)
        text = MANIFEST + REVIEW_ON + CUSTODIANS.format(backing="5.1.4-3")
        result = _run(self.check(), "5.1.4-4", ledger, workspace_dir, text)
        assert result.verdict is Verdict.FAIL
        assert "5.1.4-3 fails" in result.reason

    def test_backing_itself(self, ledger: Ledger, workspace_dir: Path) -> None:
        text = MANIFEST + CUSTODIANS.format(backing="5.1.4-4")
        result = _run(self.check(), "5.1.4-4", ledger, workspace_dir, text)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "cannot back itself" in result.reason

    def test_unknown_provision(self, ledger: Ledger, workspace_dir: Path) -> None:
        with pytest.raises(ManifestError, match="1 error"):
            load_manifest(
                write_project(workspace_dir, MANIFEST + CUSTODIANS.format(backing="5.9.9-9"))
            )
        loaded = load_manifest(
            write_project(workspace_dir, MANIFEST + CUSTODIANS.format(backing="5.1.2-5.1"))
        )
        wanted = loaded.manifest.custodian_requirements[0].model_copy(
            update={"backed_by": ["5.9.9-9"]}
        )
        manifest = loaded.manifest.model_copy(update={"custodian_requirements": [wanted]})
        ctx = CheckContext(ledger=ledger, manifest=manifest, manifest_entry=0, now=NOW)
        result = self.check().run(load_catalog().get("5.1.4-4"), ctx)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "no such provision" in result.reason


def test_registered_once_per_provision() -> None:
    table = checks_by_provision()
    assert table["5.1.4-1"].name == "gateway.human_review"
    assert table["5.1.4-2"].name == "console.explanations"
    assert table["5.1.4-3"].name == "console.review_tooling"
    assert table["5.1.4-4"].name == "custodian.requirements"
