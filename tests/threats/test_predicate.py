"""The rules' condition language: parsing refuses what it does not know; evaluation is exact."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.threats.errors import RuleProblem
from sai.threats.predicate import All, Fact, Not, OnSystem, holds, parse_predicate
from sai.threats.system import Element, ElementKind

_SYSTEM = Element(
    ElementKind.system,
    "s",
    {
        "llm": True,
        "retrieval": False,
        "tools": True,
        "gateway": False,
        "upstream": False,
        "prompts": True,
    },
)


def _tool(**facts: Any) -> Element:
    base = {
        "kind": "email",
        "permissions": 2,
        "wildcard": False,
        "admin": False,
        "writes": True,
        "reaches_confidential": False,
        "external_content": True,
        "approved": True,
        "justified": False,
    }
    return Element(ElementKind.tool, "t", {**base, **facts})


class TestParse:
    def test_forms(self) -> None:
        raw = {
            "all": [
                {"fact": "writes"},
                {"not": {"fact": "kind", "in": ["shell"]}},
                {"system": {"fact": "llm"}},
                {"fact": "permissions", "at_least": 2},
            ]
        }
        parsed = parse_predicate(raw, ElementKind.tool)
        assert isinstance(parsed, All)
        assert parsed.parts[0] == Fact("writes", "is", True)
        assert isinstance(parsed.parts[1], Not)
        assert isinstance(parsed.parts[2], OnSystem)
        assert holds(parsed, _tool(), _SYSTEM)
        assert not holds(parsed, _tool(kind="shell"), _SYSTEM)
        assert not holds(parsed, _tool(permissions=1), _SYSTEM)

    @pytest.mark.parametrize(
        ("raw", "loc", "message"),
        [
            ({"fact": "untrusted"}, ("fact",), "unknown fact 'untrusted' of a tool"),
            ({"fact": "kind"}, (), "fact 'kind' is text, not true or false"),
            ({"fact": "writes", "is": "yes"}, ("is",), "fact 'writes' is true or false, got 'yes'"),
            (
                {"fact": "permissions", "at_least": 1.5},
                ("at_least",),
                "`at_least:` takes a whole number and applies to whole-number facts only",
            ),
            ({"eval": "__import__('os')"}, ("eval",), "unknown condition 'eval'"),
            ({"all": []}, ("all",), "expected a non-empty list of conditions"),
            (
                {"system": {"fact": "writes"}},
                ("system", "fact"),
                "unknown fact 'writes' of a system",
            ),
        ],
    )
    def test_refused(self, raw: object, loc: tuple[object, ...], message: str) -> None:
        with pytest.raises(RuleProblem) as caught:
            parse_predicate(raw, ElementKind.tool)
        assert caught.value.loc == loc
        assert caught.value.message == message

    def test_depth_limit(self) -> None:
        raw: object = {"fact": "writes"}
        for _ in range(10):
            raw = {"not": raw}
        with pytest.raises(RuleProblem, match="nest deeper"):
            parse_predicate(raw, ElementKind.tool)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["fact", "all", "any", "not", "system", "is", "in", "at_least", "x"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=20,
)


@given(_json)
def test_any_data_parses_or_is_refused_cleanly(raw: object) -> None:
    try:
        parsed = parse_predicate(raw, ElementKind.tool)
    except RuleProblem as problem:
        outcome: object = problem.message
    else:
        outcome = holds(parsed, _tool(), _SYSTEM)
    assert isinstance(outcome, bool) or (isinstance(outcome, str) and outcome)
