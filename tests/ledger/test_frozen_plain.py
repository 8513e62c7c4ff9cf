"""Evidence's one-pass path for plain data equals the general path, byte for byte.

The reference is what `Evidence` did before the fast path: `plain_json` (validated plain
copy), `_freeze` of that copy, and the leaf encoded from the copy. Values are drawn with the
odd shapes the fast path must refuse or treat alike: tuples, floats, lone surrogates,
integers beyond 2**53-1, non-string keys, str and int subclasses, mapping proxies, deep
nesting.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.ledger import Evidence, Origin
from sai.ledger._frozen import NotPlainError, frozen_plain
from sai.ledger.canonical import MAX_DEPTH, MAX_SAFE_INTEGER, encode_plain, plain_json
from sai.ledger.entry import _freeze
from sai.ledger.errors import CanonicalJsonError, EvidenceError


class _Colour(enum.StrEnum):
    red = "red"


class _Level(enum.IntEnum):
    high = 3


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-MAX_SAFE_INTEGER - 2, MAX_SAFE_INTEGER + 2)
    | st.text(max_size=8)  # lone surrogates included
    | st.floats(allow_nan=False, allow_infinity=False, max_value=10, min_value=-10)
    | st.just(_Colour.red)
    | st.just(_Level.high)
)
_KEYS = st.text(max_size=5) | st.integers(0, 3) | st.just(_Colour.red)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(_KEYS, children, max_size=4)
        | st.dictionaries(st.text(max_size=4), children, max_size=3).map(MappingProxyType)
    ),
    max_leaves=20,
)
_TIME = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


def _evidence(data: Any) -> Evidence:
    return Evidence(
        kind="test.entry",
        subject="s",
        provisions=("5.2.2-1",),
        actor="tester",
        time=_TIME,
        data=data,
        origin=Origin.control("test.frozen"),
    )


def _reference(data: dict[str, Any]) -> tuple[Any, bytes]:
    """What the general path gives: the frozen data and the leaf bytes."""
    plain = plain_json(data)
    template = _evidence({})
    leaf = plain_json({**template._leaf_object(), "data": {}})
    leaf["data"] = plain
    return _freeze(plain), encode_plain(leaf)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=5))
def test_evidence_equals_the_general_path(data: dict[Any, Any]) -> None:
    try:
        expected = _reference(data)
    except CanonicalJsonError as error:
        refused = error
    else:
        refused = None
    if refused is not None:
        with pytest.raises(EvidenceError) as caught:
            _evidence(data)
        message = "evidence field 'data': " + refused.message.replace("$", "data", 1)
        assert (caught.value.message, caught.value.hint) == (message, refused.hint)
        return
    made = _evidence(data)
    assert made.leaf_bytes() == expected[1]
    assert made.data == expected[0]
    assert Evidence.from_leaf_bytes(made.leaf_bytes()) == made


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_frozen_plain_is_freeze_of_plain_json_or_refuses(value: Any) -> None:
    try:
        fast = frozen_plain(value)
    except NotPlainError:
        return  # the general path decides; the test above compares its outcome
    assert fast == _freeze(plain_json(value))


@pytest.mark.parametrize(
    "value",
    [
        1.5,
        "\ud800",
        {"\udfff": 1},
        MAX_SAFE_INTEGER + 1,
        -MAX_SAFE_INTEGER - 1,
        {1: "a"},
        _Colour.red,
        _Level.high,
        [1.0],
        MappingProxyType({}),
        b"bytes",
        {"a": {1, 2}},
    ],
)
def test_frozen_plain_refuses_what_it_cannot_take_as_it_is(value: Any) -> None:
    with pytest.raises(NotPlainError):
        frozen_plain(value)


def test_frozen_plain_refuses_nesting_beyond_the_limit() -> None:
    deep: Any = 0
    for _ in range(MAX_DEPTH):
        deep = [deep]
    assert frozen_plain(deep) == _freeze(plain_json(deep))  # exactly at the limit
    with pytest.raises(NotPlainError):
        frozen_plain([deep])
    with pytest.raises(EvidenceError, match="nesting"):
        _evidence({"a": deep})


def test_evidence_data_is_frozen_and_independent_of_the_callers_dict() -> None:
    data: dict[str, Any] = {"b": [1, {"c": "x"}], "a": ("t",)}
    made = _evidence(data)
    data["b"].append(2)
    data["z"] = 1
    assert made.data == {"b": (1, {"c": "x"}), "a": ("t",)}
    assert isinstance(made.data, MappingProxyType)
    with pytest.raises(TypeError):
        made.data["b"] = 0  # type: ignore[index]
    assert b',"data":{"a":["t"],"b":[1,{"c":"x"}]},"kind":"test.entry",' in made.leaf_bytes()
