"""The input-guards check (5.2.1-4.1): injection scanner configured and measured."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sai.assessment.checks import CheckContext
from sai.assessment.checks.guards import InputGuardsEvaluated
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import load_catalog
from sai.ledger import Evidence, Ledger, Origin
from sai.manifest import LoadedManifest
from sai.manifest.schema import GatewayRoleSpec, GatewayRoute, GatewaySpec, GuardsSpec

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


def _evaluation(ledger: Ledger, f1: int, fpr: int, when: datetime = NOW) -> int:
    data = {"scanner": "injection", "metrics": {"f1_bp": f1, "fpr_bp": fpr, "n": 3043}}
    evidence = Evidence.create(
        "guard.evaluation",
        "guards.injection",
        provisions=("5.2.1-4.1",),
        actor="t",
        origin=Origin.control("test"),
        data=data,
        time=when,
    )
    return ledger.append(evidence).index


class TestInputGuardsEvaluated:
    def test_no_evaluation_is_inconclusive(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai guard eval" in result.reason

    def test_good_evaluation_passes(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        index = _evaluation(ledger, 9750, 180)
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.PASS
        assert index in result.evidence
        assert "F1 97.50%" in result.reason

    def test_high_fpr_fails(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _evaluation(ledger, 9750, 800)
        result = _run(ledger, loaded)
        assert result.verdict is Verdict.FAIL
        assert "FPR 8.00%" in result.reason

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
