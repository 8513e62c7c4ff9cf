"""The audit entry of each answer names the functions the model called, never their arguments
(the threat model reads them to list tool permissions nobody uses)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.gateway._fields import MALFORMED_NAME, tool_names
from sai.manifest.schema import GatewaySpec, StreamingMode
from tests.gateway.conftest import Harness, running_gateway

SECRET_ARGUMENT = "jane.doe@example.com wants contract 4711"


def _call(name: Any, arguments: str = "{}") -> dict[str, Any]:
    return {"id": "c1", "type": "function", "function": {"name": name, "arguments": arguments}}


class TestToolNames:
    def test_names_from_tool_calls_and_the_older_function_call_each_once(self) -> None:
        choices = [
            {"message": {"tool_calls": [_call("lookup_contract"), _call("send_email")]}},
            {"message": {"function_call": {"name": "lookup_contract", "arguments": "{}"}}},
            {"delta": {"tool_calls": [{"index": 0, "function": {"name": "mcp.crm:read"}}]}},
        ]
        assert tool_names(choices) == ("lookup_contract", "send_email", "mcp.crm:read")

    def test_an_answer_without_calls_names_none(self) -> None:
        assert tool_names([{"message": {"role": "assistant", "content": "hello"}}]) == ()

    @pytest.mark.parametrize("choices", [None, 7, "text", {"message": {}}, [None, 3, "x"]])
    def test_choices_of_the_wrong_shape_name_none(self, choices: Any) -> None:
        assert tool_names(choices) == ()

    @pytest.mark.parametrize("name", ["", "x" * 65, "rm -rf /", 42, None, ["a"], "naïve"])
    def test_a_name_no_api_would_accept_is_recorded_as_malformed(self, name: Any) -> None:
        assert tool_names([{"message": {"tool_calls": [_call(name)]}}]) == (MALFORMED_NAME,)

    def test_at_most_32_names_are_kept(self) -> None:
        calls = [_call(f"f{i}") for i in range(100)]
        assert tool_names([{"message": {"tool_calls": calls}}]) == tuple(f"f{i}" for i in range(32))

    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=8),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(
                    st.sampled_from(["message", "delta", "tool_calls", "function", "name", "x"]),
                    inner,
                    max_size=4,
                )
            ),
            max_leaves=30,
        )
    )
    def test_any_json_gives_names_of_the_accepted_shape(self, value: Any) -> None:
        names = tool_names(value)
        assert len(names) == len(set(names)) <= 32
        for name in names:
            assert name == MALFORMED_NAME or (
                0 < len(name) <= 64 and all(c.isascii() and c not in " /" for c in name)
            )


@pytest.fixture(scope="module")
def gateways(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Harness]]:
    from sai.workspace import create_workspace

    out: dict[str, Harness] = {}
    roots: dict[str, Path] = {}
    for name in ("buffer", "incremental"):
        roots[name] = tmp_path_factory.mktemp(name)
        create_workspace(roots[name], name="test system")
    with running_gateway(roots["buffer"]) as a:
        out["buffer"] = a
        spec = GatewaySpec(streaming=StreamingMode.incremental)
        with running_gateway(roots["incremental"], gateway=spec) as b:
            out["incremental"] = b
            yield out


@pytest.mark.parametrize(
    ("mode", "stream"), [("buffer", False), ("buffer", True), ("incremental", True)]
)
def test_the_entry_names_the_called_functions_without_their_arguments(
    gateways: dict[str, Harness], mode: str, stream: bool
) -> None:
    harness = gateways[mode]
    message = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            _call("lookup_contract", json.dumps({"q": SECRET_ARGUMENT})),
            {**_call("send_email", "{}"), "id": "c2"},
        ],
    }
    shape = {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "mock-shape",
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls"}],
    }
    with harness.http() as http:
        reply = http.post(
            "/v1/chat/completions",
            json={
                "model": "mock-shape",
                "stream": stream,
                "messages": [{"role": "user", "content": "find my contract"}],
                "metadata": {"shape": json.dumps(shape), "cut": "4"},
            },
        )
    assert reply.status_code == 200, reply.text
    entry = harness.entries()[-1]
    assert list(entry.evidence.data["tool_calls"]) == ["lookup_contract", "send_email"]
    assert "4711" not in json.dumps(dict(entry.evidence.data), default=list)


def test_an_answer_without_calls_has_no_tool_calls_field(gateways: dict[str, Harness]) -> None:
    harness = gateways["buffer"]
    harness.client().chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}]
    )
    assert "tool_calls" not in harness.entries()[-1].evidence.data
