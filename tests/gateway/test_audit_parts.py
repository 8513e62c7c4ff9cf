"""The auditor's entries, made with the verdicts and the guard plan as parts made once, are the
evidence `Evidence.create` makes of the record's plain data: the same leaf bytes.

Drawn: records with paths and models (the fields validated once per client, unless they
cannot be), verdicts (shared and fresh, with spans, reasons holding quotes,
backslashes, non-ASCII text and lone surrogates, which cannot be parts), guard plans with
and without a planted canary, text stored or not.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.gateway._verdicts import skipped
from sai.gateway.audit import KIND, Auditor, CallRecord
from sai.gateway.config import GuardPlan
from sai.gateway.guarding import GuardDecision
from sai.guards import Direction
from sai.ledger import Evidence, Origin, open_ledger
from sai.workspace import create_workspace
from tests.ledger.ledger_support import outcome

_TEXT = st.text(max_size=10) | st.sampled_from(['a"b', "a\\b", "é", "\ud800", "\x00sai part 0\x00"])
_SPANS = st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99), _TEXT), max_size=3)
_DECISIONS = st.builds(
    GuardDecision,
    scanner=st.sampled_from(["pii", "secrets", "injection"]),
    direction=st.sampled_from(["input", "output"]),
    action=st.sampled_from(["allow", "redact", "review", "block"]),
    score_bp=st.integers(0, 10_000),
    reason=_TEXT,
    state=st.sampled_from(["ran", "timeout", "error"]),
    spans=_SPANS.map(tuple),
)
_NAMES = st.lists(st.sampled_from(["pii", "secrets", "injection", "leakage"]), max_size=3)
_PLANS = st.builds(GuardPlan, input=_NAMES.map(tuple), output=_NAMES.map(tuple))
_SHARED = GuardDecision("pii", "input", "allow", 0, "nothing found")


class _Keys:
    def key_for(self, subject: str) -> tuple[str, bytes]:
        return "k1", bytes(32)


@pytest.fixture(scope="module")
def auditor(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root: Path = tmp_path_factory.mktemp("audit")
    workspace = create_workspace(root, name="parts")
    with open_ledger(workspace) as ledger:
        made = Auditor(ledger, actor="sai-gateway", store_text=False, rollup_every=None)
        yield made
        made.close()


def _created(record: CallRecord, moment: datetime) -> Evidence:
    """What ``Evidence.create`` makes of ``record``'s data: the entry the auditor must equal."""
    return Evidence.create(
        KIND,
        "chat",
        provisions=record.provisions(),
        actor="sai-gateway",
        origin=Origin.control("gateway.audit"),
        data=record.data(with_text=False),
        time=moment,
    )


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    decisions=st.lists(_DECISIONS | st.just(_SHARED), max_size=5),
    plan=st.none() | _PLANS,
    canary=st.booleans(),
    skip=st.booleans(),
    model=st.none() | _TEXT,
    path=_TEXT,
)
def test_entry_is_what_create_makes_of_the_data(
    auditor: Auditor,
    decisions: list[GuardDecision],
    plan: GuardPlan | None,
    canary: bool,
    skip: bool,
    model: str | None,
    path: str,
) -> None:
    record = CallRecord("r1", "POST", path, route="chat", key_id="k", status=200, model=model)
    record.verdicts = [*decisions, *(skipped(Direction.output, "no guards") if skip else ())]
    record.guard_policy = plan.audit(canary_planted=canary) if plan is not None else None
    made = outcome(lambda: auditor.evidence(record))
    moment = made[1].time if made[0] == "ok" else datetime.now(UTC)
    expected = outcome(lambda: _created(record, moment))
    assert made[0] == expected[0]
    if made[0] == "error":  # a lone surrogate: refused alike
        assert made[1] == expected[1]
        return
    assert made[1].leaf_bytes() == expected[1].leaf_bytes()
    assert made[1] == expected[1]
    assert repr(made[1]) == repr(expected[1])  # the data's order too


def test_shared_decisions_and_plans_are_made_parts_once() -> None:
    plan = GuardPlan(input=("pii",), output=("secrets",))
    assert plan.audit() is plan.audit()
    assert plan.audit(canary_planted=True) == {
        "input": ("pii",),
        "output": ("secrets",),
        "from": ("guards",),
        "canary": "planted",
    }
    assert skipped(Direction.input, "x") is skipped(Direction.input, "x")
    assert _SHARED.part is _SHARED.part
    assert _SHARED.part is not None
    assert _SHARED.part.text == (
        '{"action":"allow","direction":"input","reason":"nothing found",'
        '"scanner":"pii","score_bp":0,"state":"ran"}'
    )
    lone = GuardDecision("pii", "input", "allow", 0, "\ud800")
    assert lone.part is None


def test_repeated_fields_that_are_not_strings_stay_in_the_data(auditor: Auditor) -> None:
    for model in (["a", "list"], 7):  # not what the gateway sets, but what an entry can hold
        record = CallRecord("r2", "POST", "/v1/x", route="chat", status=200)
        record.model = model  # type: ignore[assignment]
        made = auditor.evidence(record)
        assert made.data["model"] == (("a", "list") if isinstance(model, list) else 7)
        expected = _created(record, made.time)
        assert made.leaf_bytes() == expected.leaf_bytes()
