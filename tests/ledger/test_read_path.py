"""Reading entries back (the gateway's roll-ups read every request entry): the shortcuts give
what the general code gives, errors included."""

from __future__ import annotations

import json
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.ledger import CanonicalJsonError, parse_canonical
from sai.ledger._entryfields import freeze
from sai.ledger.errors import EvidenceError
from sai.ledger.origin import _KNOWN, Origin, OriginType

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=20,
)


def _freeze_each(value: Any) -> Any:
    """`freeze` as it was: a call for every value."""
    if type(value) is dict:
        return MappingProxyType({key: _freeze_each(item) for key, item in value.items()})
    if type(value) is list:
        return tuple([_freeze_each(item) for item in value])
    return value


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_freeze_copies_as_before(value: Any) -> None:
    frozen, before = freeze(value), _freeze_each(value)
    assert frozen == before
    assert repr(frozen) == repr(before)  # same types all the way down, keys in the same order


class TestOrigins:
    def test_a_control_origin_read_is_the_constructors(self) -> None:
        read = Origin.from_json({"control": "gateway.audit", "sai": "0.2.0"})
        assert read == Origin(OriginType.CONTROL, "gateway.audit", "0.2.0")
        assert Origin.from_json({"sai": "0.2.0", "control": "gateway.audit"}) is read

    def test_a_bad_control_origin_is_refused_every_time(self) -> None:
        for _ in range(2):
            with pytest.raises(EvidenceError):
                Origin.from_json({"control": "Not A Control", "sai": "0.2.0"})

    def test_string_subclasses_are_not_kept(self) -> None:
        class Name(str):
            pass

        read = Origin.from_json({"control": Name("gateway.audit"), "sai": "0.2.0"})
        assert type(read.name) is Name
        assert read == Origin(OriginType.CONTROL, "gateway.audit", "0.2.0")

    def test_the_origins_kept_are_bounded(self) -> None:
        from sai.ledger import origin

        for n in range(_KNOWN + 3):
            assert Origin.from_json({"control": f"c.n{n}", "sai": "0.2.0"}).name == f"c.n{n}"
        assert len(origin._CONTROLS) <= _KNOWN


def test_a_byte_order_mark_is_refused_as_json_loads_refuses_it() -> None:
    text = "\ufeff" + json.dumps({"a": 1}, separators=(",", ":"))
    with pytest.raises(CanonicalJsonError) as refused:
        parse_canonical(text.encode())
    assert refused.value.message.startswith("byte 0:")
    assert parse_canonical(b'{"a":1}') == {"a": 1}
