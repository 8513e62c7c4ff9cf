"""Untrusted text the console parses: the sign-in redirect target and explanation inputs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.web.actions import MAX_NUMBERS, numbers
from sai.web.explain import ExplainError
from sai.web.signin import safe_next


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/reviews/rev_1", "/reviews/rev_1"),
        (None, "/"),
        ("", "/"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("reviews", "/"),
    ],
)
def test_safe_next(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected


@given(st.text(max_size=600))
def test_safe_next_is_always_a_local_path(target: str) -> None:
    result = safe_next(target)
    assert result.startswith("/")
    assert not result.startswith("//")
    assert "\\" not in result
    assert len(result) <= 500


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1, 2.5,-3", [1.0, 2.5, -3.0]), ("1 2 3", [1.0, 2.0, 3.0]), ("  ", None), ("1e3", [1000.0])],
)
def test_numbers(text: str, expected: list[float] | None) -> None:
    assert numbers(text, "inputs") == expected


@pytest.mark.parametrize("text", ["a, b", "1,,x", ", ".join(["1"] * (MAX_NUMBERS + 1))])
def test_bad_numbers(text: str) -> None:
    with pytest.raises(ExplainError):
        numbers(text, "inputs")


@given(st.text(max_size=200))
def test_numbers_parse_or_raise_explain_error(text: str) -> None:
    try:
        parsed = numbers(text, "inputs")
    except ExplainError:
        return
    assert parsed is None or 0 < len(parsed) <= MAX_NUMBERS
