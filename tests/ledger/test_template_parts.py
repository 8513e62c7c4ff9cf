"""Parts spliced into a template's data make the evidence `Evidence.create` makes of the data
with the parts' values under their keys: same leaf bytes, same frozen data, same errors.

Drawn: data and part values of every shape (including what cannot be a part: floats, lone
surrogates, big integers, deep nesting), part keys that sort before, between and after the
data's keys or replace one of them, and data holding the template's stand-ins for parts
(their text must then be found elsewhere too, and the general path decides).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.ledger import Evidence, Origin
from sai.ledger._frozen import NotPlainError
from sai.ledger.canonical import MAX_DEPTH, MAX_SAFE_INTEGER
from sai.ledger.errors import EvidenceError
from sai.ledger.template import _MARKS, EntryTemplate, PlainFields, PlainPart
from tests.ledger.ledger_support import assert_same_outcome, outcome

_ORIGIN = Origin.control("gateway.audit")
_TIME = datetime(2026, 5, 4, 3, 2, 1, 987654, tzinfo=UTC)
_KEYS = st.text(max_size=4) | st.sampled_from(["verdicts", "guard_policy", "a", "zz", *_MARKS])
_STRINGS = st.text(max_size=8) | st.sampled_from([*_MARKS, f'"{_MARKS[0]}', "é", '\\"'])
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-MAX_SAFE_INTEGER - 2, MAX_SAFE_INTEGER + 2)
    | _STRINGS
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-9, max_value=9)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(_KEYS, children, max_size=3)
    ),
    max_leaves=10,
)
_DATA = st.dictionaries(_KEYS, _VALUES, max_size=5)


def _part(value: Any, depth: int = 2) -> PlainPart | None:
    try:
        return PlainPart(value, depth)
    except NotPlainError:
        return None


def _check(
    data: dict[str, Any],
    parts: dict[str, PlainPart],
    values: dict[str, Any],
    members: PlainFields | None = None,
) -> None:
    template = EntryTemplate("gateway.request", "chat", actor="gw", origin=_ORIGIN)
    fields = {"actor": "gw", "origin": _ORIGIN, "time": _TIME}
    merged = {**(members.values if members is not None else {}), **data, **values}
    expected = outcome(lambda: Evidence.create("gateway.request", "chat", data=merged, **fields))
    made = outcome(lambda: template.create(data, _TIME, parts=parts, fields=members))
    assert_same_outcome(made, expected)


@settings(max_examples=400, deadline=None)
@given(data=_DATA, values=st.dictionaries(_KEYS, _VALUES, max_size=3))
def test_parts_make_what_create_makes(data: dict[str, Any], values: dict[str, Any]) -> None:
    parts = {key: _part(value) for key, value in values.items()}
    usable = {key: part for key, part in parts.items() if part is not None}
    _check(data, usable, {key: values[key] for key in usable})


@settings(max_examples=400, deadline=None)
@given(
    data=_DATA,
    members=st.dictionaries(_KEYS, st.none() | _STRINGS, max_size=4),
    values=st.dictionaries(_KEYS, _VALUES, max_size=2),
)
def test_fields_and_parts_make_what_create_makes(
    data: dict[str, Any], members: dict[str, Any], values: dict[str, Any]
) -> None:
    """Members made `PlainFields` once, under the data (which wins a shared key) and the parts
    (which win over both): what `Evidence.create` makes of the three merged."""
    try:
        made = PlainFields(members)
    except NotPlainError:  # a lone surrogate: such members stay in the data
        assert any("\ud800" <= c <= "\udfff" for v in members.values() if v for c in v)
        return
    parts = {key: _part(value) for key, value in values.items()}
    usable = {key: part for key, part in parts.items() if part is not None}
    _check(data, usable, {key: values[key] for key in usable}, made)


def test_fields_take_strings_and_nulls_only() -> None:
    for bad in (1, True, ["x"], {"k": "v"}, 0.5):
        with pytest.raises(NotPlainError):
            PlainFields({"k": bad})
    assert PlainFields({"a": "x", "b": None}).frozen == {"a": "x", "b": None}


@settings(max_examples=200, deadline=None)
@given(data=_DATA, key=_KEYS, items=st.lists(_VALUES, max_size=4))
def test_array_of_parts(data: dict[str, Any], key: str, items: list[Any]) -> None:
    made = [_part(item, 3) for item in items]
    usable = [(item, part) for item, part in zip(items, made, strict=True) if part is not None]
    array = PlainPart.array([part for _, part in usable])
    _check(data, {key: array}, {key: [item for item, _ in usable]})


def test_a_part_is_made_once_and_reused() -> None:
    verdict = PlainPart({"scanner": "pii", "action": "allow", "score_bp": 0}, 3)
    policy = PlainPart({"input": ["pii"], "from": ["guards"]})
    template = EntryTemplate("gateway.request", "chat", actor="gw", origin=_ORIGIN)
    for number in range(3):
        data = {"request_id": f"r{number}", "status": 200}
        parts = {"guard_policy": policy, "verdicts": PlainPart.array([verdict, verdict])}
        made = template.create(data, _TIME, parts=parts)
        assert made.data["verdicts"][1]["scanner"] == "pii"
        assert made.data["guard_policy"] == {"input": ("pii",), "from": ("guards",)}
        assert made.data["request_id"] == f"r{number}"
        assert b'"guard_policy":{"from":["guards"],"input":["pii"]},"request_id":"r' in (
            made.leaf_bytes()
        )


def test_parts_refuse_what_data_refuses() -> None:
    for bad in (0.5, "\ud800", MAX_SAFE_INTEGER + 1, {"k": [0.25]}):
        with pytest.raises(NotPlainError):
            PlainPart(bad)
    deep: Any = "x"
    for _ in range(MAX_DEPTH - 1):  # fits at depth 2 exactly: 63 containers down to depth 64
        deep = [deep]
    PlainPart(deep, 2)
    with pytest.raises(NotPlainError):
        PlainPart(deep, 3)
    with pytest.raises(ValueError, match="deeper"):
        PlainPart.array([PlainPart("x", 2)], 2)


def test_a_part_made_for_a_shallower_place_takes_the_general_path() -> None:
    deep: Any = "x"
    for _ in range(MAX_DEPTH):  # 64 containers: canonical only as the whole data
        deep = [deep]
    part = PlainPart(deep, 1)
    template = EntryTemplate("gateway.request", "chat", actor="gw", origin=_ORIGIN)
    with pytest.raises(EvidenceError, match="nesting deeper"):
        template.create({}, _TIME, parts={"k": part})
    assert template.create({}, _TIME, parts={"k": PlainPart(deep[0], 2)}).data["k"][0][0]
