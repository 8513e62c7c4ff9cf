"""The input-guards check (5.2.1-4.1): injection scanner configured and measured."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from sai.assessment.checks import CheckContext
from sai.assessment.checks.guards import InputGuardsEvaluated
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import load_catalog
from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import GuardEvaluation, GuardMetrics, Kind
from sai.manifest import LoadedManifest
from sai.manifest.schema import (
    EvidenceRules,
    GatewayRoleSpec,
    GatewayRoute,
    GatewaySpec,
    GuardsSpec,
)

NOW = datetime(2026, 11, 24, tzinfo=UTC)


def _run(
    ledger: Ledger, loaded: LoadedManifest, manifest_change: dict | None = None
) -> CheckResult:
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    manifest = loaded.manifest
    if manifest_change:
        manifest = manifest.model_copy(update=manifest_change)
    ctx = CheckContext(ledger=ledger, manifest=manifest, manifest_entry=entry, now=NOW)
    return InputGuardsEvaluated().run(load_catalog().get("5.2.1-4.1"), ctx)


def _evaluation(
    ledger: Ledger,
    f1: int,
    fpr: int,
    when: datetime = NOW,
    *,
    n: int = 3043,
    positives: int = 1500,
    origin: Origin | None = None,
) -> int:
    payload = GuardEvaluation(
        scanner="injection",
        variant="fast",
        threshold_bp=5000,
        dataset={"path": "test.jsonl", "digest": "sha256:" + "0" * 64},
        metrics=GuardMetrics(n=n, positives=positives, f1_bp=f1, fpr_bp=fpr),
        artifacts={},
    )
    evidence = Evidence.create(
        Kind.GUARD_EVALUATION,
        "guards.injection",
        provisions=("5.2.1-4.1",),
        actor="t",
        origin=origin or Origin.control("guards.evaluation"),
        data=payload.to_data(),
        time=when,
    )
    return ledger.append(evidence).index


def _screen(ledger: Ledger, findings: list[dict[str, object]]) -> int:
    """A data screen of the fixture's training data, as `sai data screen` records it."""
    from sai.provenance import record as rec

    data = rec.ScreenRecord("train-data", "sha256:" + "a" * 64, 1, None, [], findings, {}, None)
    evidence = Evidence.create(
        rec.SCREENED,
        "train-data",
        provisions=("5.2.1-4.1",),
        actor="t",
        origin=Origin.control("provenance.screen"),
        data=data.to_data(),
    )
    return ledger.append(evidence).index


@pytest.fixture(autouse=True)
def _screened(ledger: Ledger) -> None:
    """The fixture's training data was screened, clean (the data side of 5.2.1-4.1)."""
    _screen(ledger, [])


class TestInputGuardsEvaluated:
    def test_no_evaluation_is_inconclusive(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai guard eval" in result.reason

    def test_good_evaluation_passes(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        index = _evaluation(ledger, 9750, 180)
        screen = ledger.latest(kind="data.screened").index
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.PASS
        assert {index, screen} <= set(result.evidence)
        assert "F1 97.50%" in result.reason
        assert "training datasets screened" in result.reason

    def test_poisoned_training_data_fails(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _evaluation(ledger, 9750, 180)
        _screen(ledger, [{"screen": "trigger-tokens", "count": 60, "rows": [1], "message": "m"}])
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.FAIL
        assert "60 rows (trigger-tokens)" in result.reason

    def test_high_fpr_fails(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _evaluation(ledger, 9750, 800)
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.FAIL
        assert "FPR 8.00%" in result.reason

    def test_too_few_examples_is_inconclusive(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _evaluation(ledger, 10000, 0, n=1, positives=1)
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "used 1 examples" in result.reason
        assert "at least 200" in result.reason

    def test_each_class_needs_a_quarter(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _evaluation(ledger, 9750, 100, n=400, positives=49)
        assert _run(ledger, loaded).verdict is Verdict.INCONCLUSIVE
        _evaluation(ledger, 9750, 100, n=400, positives=50)
        assert _run(ledger, loaded).verdict is Verdict.PASS

    def test_the_manifest_can_lower_the_minimum_to_the_floor_only(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _evaluation(ledger, 9750, 100, n=120, positives=40)
        assert _run(ledger, loaded).verdict is Verdict.INCONCLUSIVE
        lowered = {"evidence": EvidenceRules(min_guard_examples=100)}
        assert _run(ledger, loaded, lowered).verdict is Verdict.PASS
        with pytest.raises(ValidationError):
            EvidenceRules(min_guard_examples=99)

    def test_a_statement_by_hand_is_not_a_measurement(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _evaluation(ledger, 10000, 0, origin=Origin.person("mallory"))
        assert _run(ledger, loaded).verdict is Verdict.INCONCLUSIVE

    def test_stale_is_inconclusive(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _evaluation(ledger, 9750, 180, NOW - timedelta(days=120))
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "older than 90 days" in result.reason

    def test_not_configured_fails(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _evaluation(ledger, 9750, 180)
        guards = replace_guards(["invisible", "secrets"])
        result = _run(ledger, loaded, {"guards": guards})
        assert result.verdict is Verdict.FAIL
        assert "guards.input" in result.reason


def replace_guards(names: list[str]) -> GuardsSpec:
    return GuardsSpec(input=names)


class TestPerRoutePolicy:
    def test_a_text_route_without_input_scanners_fails(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _evaluation(ledger, 9750, 180)
        guards = GuardsSpec.model_validate({"routes": {"embeddings": {"input": []}}})
        result = _run(ledger, loaded, {"guards": guards})
        assert result.verdict is Verdict.FAIL
        assert "embeddings (role admin)" in result.reason
        assert "embeddings (role user)" in result.reason
        assert "chat" not in result.reason.split(";")[0]

    def test_a_route_the_role_cannot_call_is_no_gap(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _evaluation(ledger, 9750, 180)
        gateway = GatewaySpec(roles={"user": GatewayRoleSpec(routes=[GatewayRoute.chat])})
        guards = GuardsSpec.model_validate({"routes": {"embeddings": {"input": []}}})
        result = _run(ledger, loaded, {"guards": guards, "gateway": gateway})
        assert result.verdict is Verdict.PASS

    def test_a_route_that_drops_injection_fails(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _evaluation(ledger, 9750, 180)
        guards = GuardsSpec.model_validate({"routes": {"completions": {"input": ["secrets"]}}})
        result = _run(ledger, loaded, {"guards": guards})
        assert result.verdict is Verdict.FAIL
        assert "injection scanner does not run on the input of completions (role" in result.reason

    def test_a_role_can_add_injection_back(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _evaluation(ledger, 9750, 180)
        gateway = GatewaySpec(roles={"user": GatewayRoleSpec(routes=[GatewayRoute.chat])})
        guards = GuardsSpec.model_validate(
            {"input": ["secrets"], "roles": {"user": {"add_input": ["injection"]}}}
        )
        result = _run(ledger, loaded, {"guards": guards, "gateway": gateway})
        assert result.verdict is Verdict.PASS

    def test_roles_without_guards_are_named_not_failed(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _evaluation(ledger, 9750, 180)
        gateway = GatewaySpec(
            roles={
                "user": GatewayRoleSpec(routes=[GatewayRoute.chat]),
                "harness": GatewayRoleSpec(routes=[GatewayRoute.chat], guards=False),
            }
        )
        result = _run(ledger, loaded, {"gateway": gateway})
        assert result.verdict is Verdict.PASS
        assert "roles without guards: harness" in result.reason
