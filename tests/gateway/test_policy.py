"""Guard policy per route and role through the real gateway: different scanners, audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import openai
import pytest

from sai.gateway.config import GuardPlan, GuardPolicy, config_for
from sai.gateway.guarding import GuardRunner
from sai.guards import Direction, GuardContext
from sai.manifest.schema import GatewayRoleSpec, GatewayRoute, GatewaySpec, GuardsSpec
from tests.gateway.conftest import Harness, plain

SECRET = "my key is AKIAIOSFODNN7EXAMPLE ok"
EMAIL = "write to jane.doe@example.com please"
TEXT_ROUTES = [GatewayRoute.chat, GatewayRoute.completions, GatewayRoute.embeddings]
GATEWAY = GatewaySpec(
    roles={
        "user": GatewayRoleSpec(routes=TEXT_ROUTES),
        "partner": GatewayRoleSpec(routes=TEXT_ROUTES),
        "vetted": GatewayRoleSpec(routes=TEXT_ROUTES),
        "harness": GatewayRoleSpec(routes=TEXT_ROUTES, guards=False),
    }
)
GUARDS = GuardsSpec.model_validate(
    {
        "input": ["invisible", "secrets"],
        "output": ["invisible"],
        "scanners": {"secrets": {"action": "block"}},
        "routes": {
            "embeddings": {"input": ["secrets"]},
            "completions": {"input": ["invisible"], "output": []},
        },
        "roles": {
            "partner": {"add_input": ["pii"], "scanners": {"pii": {"action": "block"}}},
            "vetted": {"scanners": {"secrets": {"action": "review"}}},
        },
    }
)


def chat(harness: Harness, role: str, text: str) -> Any:
    return harness.client(role).chat.completions.with_raw_response.create(
        model="m", messages=[{"role": "user", "content": text}]
    )


def last(harness: Harness) -> dict[str, Any]:
    return plain(harness.entries()[-1].evidence.data)  # type: ignore[no-any-return]


@pytest.fixture
def harness(make_gateway: Callable[..., Harness]) -> Harness:
    return make_gateway(gateway=GATEWAY, guards=GUARDS)


class TestPerRoute:
    def test_embeddings_run_only_the_route_scanners(self, harness: Harness) -> None:
        with pytest.raises(openai.BadRequestError, match="input was blocked"):
            harness.client().embeddings.create(model="m", input=SECRET)
        data = last(harness)
        assert data["guard_policy"] == {
            "input": ["secrets"],
            "output": [],
            "from": ["guards", "guards.routes.embeddings"],
        }
        assert {v["scanner"] for v in data["verdicts"]} == {"secrets"}
        harness.client().embeddings.create(model="m", input="\u200bhidden")
        assert [v["scanner"] for v in last(harness)["verdicts"]] == ["secrets"]

    def test_a_route_without_output_scanners_is_audited_as_skipped(self, harness: Harness) -> None:
        reply = harness.client().completions.create(model="m", prompt=SECRET)
        assert "AKIAIOSFODNN7EXAMPLE" in reply.choices[0].text  # completions skip secrets
        data = last(harness)
        assert data["guards"] == {"input": "allow", "output": "skipped"}
        skipped = [v for v in data["verdicts"] if v["direction"] == "output"]
        assert [v["state"] for v in skipped] == ["skipped"]
        assert "runs no output scanners" in skipped[0]["reason"]
        assert data["guard_policy"]["output"] == []


class TestPerRole:
    def test_the_same_request_meets_different_scanners_by_role(self, harness: Harness) -> None:
        assert chat(harness, "user", EMAIL).http_response.status_code == 200
        assert last(harness)["guard_policy"]["input"] == ["invisible", "secrets"]
        with pytest.raises(openai.BadRequestError, match=r"input was blocked.*pii"):
            chat(harness, "partner", EMAIL)
        data = last(harness)
        assert data["guard_policy"]["input"] == ["invisible", "secrets", "pii"]
        assert data["guard_policy"]["from"] == ["guards", "guards.roles.partner"]

    def test_a_role_changes_the_action_of_a_scanner(self, harness: Harness) -> None:
        with pytest.raises(openai.BadRequestError):
            chat(harness, "user", SECRET)
        held = chat(harness, "vetted", SECRET)
        assert held.http_response.status_code == 202
        data = last(harness)
        assert data["review_id"] == held.headers["x-sai-review-id"]
        assert any(v["scanner"] == "secrets" and v["action"] == "review" for v in data["verdicts"])

    def test_a_role_without_guards_records_its_policy(self, harness: Harness) -> None:
        assert chat(harness, "harness", SECRET).http_response.status_code == 200
        data = last(harness)
        assert data["guards"] == {"input": "skipped", "output": "skipped"}
        assert data["guard_policy"]["from"] == ["gateway.roles.harness.guards"]


class TestRunner:
    def test_plans_are_built_at_start_up_and_share_scanner_instances(self) -> None:
        config = config_for("http://127.0.0.1:9/v1", gateway=GATEWAY, guards=GUARDS)
        runner = GuardRunner(config.guards)
        try:
            user = runner.scanners(Direction.input, "chat", "user")
            partner = runner.scanners(Direction.input, "chat", "partner")
            assert [s.name for s in partner] == ["invisible", "secrets", "pii"]
            assert user[1] is partner[1]  # same scanner and settings: one instance
            vetted = runner.scanners(Direction.input, "chat", "vetted")
            assert vetted[1] is not user[1]
            assert vetted[1].action.value == "review"
        finally:
            runner.close()

    def test_a_context_without_a_plan_uses_the_global_lists(self) -> None:
        plans = {("chat", "user"): GuardPlan(input=("secrets",))}
        policy = GuardPolicy(input=("invisible",), plans=plans)
        runner = GuardRunner(policy)
        try:
            assert [s.name for s in runner.scanners(Direction.input, "chat", "user")] == ["secrets"]
            assert [s.name for s in runner.scanners(Direction.input, "chat", "other")] == [
                "invisible"
            ]
            assert runner.plan("completions", "user").input == ("invisible",)
            assert GuardContext().route == ""
        finally:
            runner.close()


def test_data_roles_come_from_the_policies() -> None:
    from sai.manifest.schema import GatewayPolicies

    default = config_for("http://127.0.0.1:9/v1", gateway=GatewaySpec(), guards=GuardsSpec())
    assert default.guards.data_roles == frozenset({"tool", "function"})
    spec = GatewaySpec(policies=GatewayPolicies(data_roles=["tool", "retrieval"]))
    chosen = config_for("http://127.0.0.1:9/v1", gateway=spec, guards=GuardsSpec())
    assert chosen.guards.data_roles == frozenset({"tool", "retrieval"})
