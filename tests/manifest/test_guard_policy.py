"""The guard policy per route and role: its resolution, and line-precise errors in sai.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.manifest import Problem, validate_manifest
from sai.manifest.guard_policy import (
    GUARDED_ROUTES,
    TEXT_OUTPUT,
    effective_guards,
    guard_policy_problems,
    resolve_guards,
)
from sai.manifest.schema import (
    GatewayRoleSpec,
    GatewayRoute,
    GatewaySpec,
    GuardAction,
    GuardName,
    GuardRoleSpec,
    GuardRoutesSpec,
    GuardScannerSpec,
    GuardsSpec,
)

CHAT, EMB, PREDICT = GatewayRoute.chat, GatewayRoute.embeddings, GatewayRoute.predict
ROLES = GatewaySpec(
    roles={
        "user": GatewayRoleSpec(routes=[CHAT, EMB]),
        "partner": GatewayRoleSpec(routes=[CHAT]),
        "reviewer": GatewayRoleSpec(routes=[CHAT]),
        "harness": GatewayRoleSpec(routes=[CHAT], guards=False),
    }
)
POLICY = GuardsSpec.model_validate(
    {
        "input": ["invisible", "injection", "secrets"],
        "output": ["invisible", "leakage", "pii"],
        "scanners": {"injection": {"threshold": 0.8, "options": {"tier": "fast"}}},
        "routes": {
            "embeddings": {"input": ["invisible", "secrets"], "output": []},
            "completions": {"output": ["secrets"]},
            "predict": {"input": [], "output": []},
        },
        "roles": {
            "partner": {"add_input": ["pii", "secrets"]},
            "reviewer": {"scanners": {"injection": {"action": "review"}}},
        },
        "canary": True,
    }
)


def names(values: tuple[GuardName, ...]) -> list[str]:
    return [value.value for value in values]


class TestResolution:
    def test_defaults_apply_to_every_route_and_role_without_a_section(self) -> None:
        policy = effective_guards(POLICY, ROLES, CHAT, "user")
        assert names(policy.input) == ["invisible", "injection", "secrets"]
        assert names(policy.output) == ["invisible", "leakage", "pii"]
        assert policy.sources == ("guards",)

    def test_a_route_replaces_only_the_lists_it_gives(self) -> None:
        embeddings = effective_guards(POLICY, ROLES, EMB, "user")
        assert names(embeddings.input) == ["invisible", "secrets"]
        assert embeddings.output == ()
        completions = effective_guards(POLICY, ROLES, GatewayRoute.completions, "user")
        assert names(completions.input) == ["invisible", "injection", "secrets"]
        assert names(completions.output) == ["secrets"]
        assert completions.sources == ("guards", "guards.routes.completions")

    def test_predict_runs_no_text_scanner(self) -> None:
        for role in ("user", "partner"):
            policy = effective_guards(POLICY, ROLES, PREDICT, role)
            assert (policy.input, policy.output) == ((), ())

    def test_a_role_adds_scanners_once_after_the_route(self) -> None:
        chat = effective_guards(POLICY, ROLES, CHAT, "partner")
        assert names(chat.input) == ["invisible", "injection", "secrets", "pii"]
        embeddings = effective_guards(POLICY, ROLES, EMB, "partner")
        assert names(embeddings.input) == ["invisible", "secrets", "pii"]
        assert embeddings.sources == ("guards", "guards.routes.embeddings", "guards.roles.partner")

    def test_role_settings_override_field_by_field(self) -> None:
        injection = effective_guards(POLICY, ROLES, CHAT, "reviewer").scanners[GuardName.injection]
        assert injection.action is GuardAction.review
        assert injection.threshold == 0.8
        assert injection.options == {"tier": "fast"}
        user = effective_guards(POLICY, ROLES, CHAT, "user").scanners[GuardName.injection]
        assert user.action is None

    def test_a_role_without_guards_runs_nothing(self) -> None:
        policy = effective_guards(POLICY, ROLES, CHAT, "harness")
        assert not policy.enabled
        assert (policy.input, policy.output, policy.canary) == ((), (), False)
        assert policy.sources == ("gateway.roles.harness.guards",)

    def test_canary_only_on_chat_where_leakage_checks_the_answer(self) -> None:
        assert effective_guards(POLICY, ROLES, CHAT, "user").canary
        assert not effective_guards(POLICY, ROLES, GatewayRoute.completions, "user").canary
        no_leakage = POLICY.model_copy(update={"output": [GuardName.pii]})
        assert not effective_guards(no_leakage, ROLES, CHAT, "user").canary

    def test_every_route_and_role_is_resolved(self) -> None:
        table = resolve_guards(POLICY, ROLES)
        assert set(table) == {(r, role) for r in GUARDED_ROUTES for role in ROLES.roles}

    def test_an_old_manifest_resolves_to_its_global_lists(self) -> None:
        old = GuardsSpec(input=["invisible"], output=["pii"])
        for (route, _), policy in resolve_guards(old, GatewaySpec()).items():
            assert names(policy.input) == ([] if route is PREDICT else ["invisible"])
            assert names(policy.output) == (["pii"] if route in TEXT_OUTPUT else [])


class TestProblems:
    def test_unknown_role_and_useless_canary(self) -> None:
        guards = GuardsSpec(
            output=["pii"], canary=True, roles={"ghost": GuardRoleSpec(add_input=["pii"])}
        )
        found = {p.loc: p for p in guard_policy_problems(guards, ROLES)}
        assert found[("guards", "roles", "ghost")].message == "'ghost' is not a gateway role"
        assert "leakage" in (found[("guards", "canary")].hint or "")

    def test_a_valid_policy_has_none(self) -> None:
        assert guard_policy_problems(POLICY, ROLES) == []


@given(
    base=st.lists(st.sampled_from(GuardName), max_size=6),
    route_input=st.none() | st.lists(st.sampled_from(GuardName), max_size=6),
    added=st.lists(st.sampled_from(GuardName), max_size=6),
)
def test_resolved_lists_never_repeat_and_keep_every_addition(
    base: list[GuardName], route_input: list[GuardName] | None, added: list[GuardName]
) -> None:
    guards = GuardsSpec(
        input=base,
        routes=GuardRoutesSpec.model_validate({"chat": {"input": route_input}}),
        roles={"user": GuardRoleSpec(add_input=added, scanners={"pii": GuardScannerSpec()})},
    )
    policy = effective_guards(guards, ROLES, CHAT, "user")
    assert len(set(policy.input)) == len(policy.input)
    assert set(policy.input) == set(base if route_input is None else route_input) | set(added)


MANIFEST = """\
version: 1
name: guard policy test
intended_use: Testing where guard policy errors are reported.
roles: [system_operator]
people:
  owners: [{name: Test team}]
  security_contact: https://sec.test/
gateway:
  roles:
    user: {routes: [chat, embeddings]}
    bot: {routes: [chat], guards: false}
guards:
  output: [pii]
  canary: true
  scanners:
    leakge: {action: block}
  routes:
    embedings: {input: []}
    embeddings: {input: [secrets], output: [pii]}
    predict: {input: [pii]}
  roles:
    partner: {add_input: [pi]}
    bot: {add_input: [pii]}
    user: {add_input: [pii]}
"""


class TestManifestErrors:
    @pytest.fixture
    def problems(self, tmp_path: Path) -> dict[str, Problem]:
        (tmp_path / "sai.yaml").write_text(MANIFEST)
        return {p.field: p for p in validate_manifest(tmp_path / "sai.yaml")}

    @pytest.mark.parametrize(
        ("field", "line", "text"),
        [
            ("guards.scanners.leakge", 16, "unknown value 'leakge'"),
            ("guards.routes.embedings", 18, "did you mean 'embeddings'?"),
            ("guards.routes.embeddings.output", 19, "embeddings answers are vectors"),
            ("guards.routes.predict.input", 20, "predict inputs are numbers"),
            ("guards.roles.partner.add_input[0]", 22, "unknown value 'pi'"),
        ],
    )
    def test_schema_errors_name_the_line(
        self, problems: dict[str, Problem], field: str, line: int, text: str
    ) -> None:
        assert problems[field].line == line
        assert text in problems[field].message
        assert problems[field].is_error

    def test_unknown_scanner_key_suggests_the_name(self, problems: dict[str, Problem]) -> None:
        assert problems["guards.scanners.leakge"].hint == "did you mean 'leakage'?"

    def test_a_valid_role_section_is_no_problem(self, problems: dict[str, Problem]) -> None:
        assert "guards.roles.user" not in problems

    def test_cross_section_problems_once_the_sections_are_valid(self, tmp_path: Path) -> None:
        text = MANIFEST.split("  scanners:\n", maxsplit=1)[0] + (
            "  roles:\n    partner: {add_input: [pii]}\n    bot: {add_input: [pii]}\n"
        )
        (tmp_path / "sai.yaml").write_text(text)
        found = {p.field: p for p in validate_manifest(tmp_path / "sai.yaml")}
        assert (found["guards.canary"].line, found["guards.canary"].is_error) == (14, True)
        assert found["guards.roles.partner"].message == "'partner' is not a gateway role"
        assert found["guards.roles.partner"].line == 16
        assert found["guards.roles.bot"].severity == "warning"


def test_the_documented_guards_example_is_valid() -> None:
    import re

    import yaml

    doc = (Path(__file__).resolve().parents[2] / "docs" / "manifest.md").read_text()
    blocks = [
        b for b in re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL) if b.startswith("guards:")
    ]
    assert len(blocks) == 1
    spec = GuardsSpec.model_validate(yaml.safe_load(blocks[0])["guards"])
    assert guard_policy_problems(spec, ROLES) == []  # a gateway with partner and reviewer roles
    reviewer = effective_guards(spec, ROLES, CHAT, "reviewer")
    assert reviewer.scanners[GuardName.injection].action is GuardAction.review
