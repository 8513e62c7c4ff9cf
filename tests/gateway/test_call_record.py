"""`CallRecord.data`: an optional field is in the entry exactly when it is set, a fixed one
always, each under its name with its value (the path cut to 200 characters)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sai.gateway.audit import CallRecord

#: the fields left out of the entry while unset (None), each under its own name when set
_OPTIONAL = (
    "key_id",
    "role",
    "model",
    "upstream_model",
    "error",
    "prompt_digest",
    "response_digest",
    "limit",
    "review_id",
)
_ALWAYS = {
    "request_id",
    "method",
    "path",
    "route",
    "status",
    "stream",
    "guards",
    "tokens",
    "tokens_estimated",
    "latency_us",
    "upstream_us",
    "verdicts",
}


@given(
    optional=st.fixed_dictionaries({name: st.none() | st.text(max_size=5) for name in _OPTIONAL}),
    tools=st.lists(st.text(max_size=3), max_size=2).map(tuple),
    path=st.text(max_size=300),
    status=st.integers(0, 599),
    stream=st.booleans(),
)
def test_set_fields_and_only_those(
    optional: dict[str, Any], tools: tuple[str, ...], path: str, status: int, stream: bool
) -> None:
    record = CallRecord("r1", "POST", path, route="chat", status=status, stream=stream)
    for name, value in optional.items():
        setattr(record, name, value)
    record.tool_calls = tools
    data = record.data(with_text=False)
    expected = {name for name, value in optional.items() if value is not None}
    assert set(data) == _ALWAYS | expected | ({"tool_calls"} if tools else set())
    for name in expected:
        assert data[name] == optional[name]
    assert data["path"] == path[:200]
    assert data["status"] == status
    assert data["stream"] is stream
    assert data["guards"] == {"input": "not_run", "output": "not_run"}
    assert data.get("tool_calls") == (list(tools) or None)
