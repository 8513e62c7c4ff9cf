"""An `EntryTemplate` makes exactly the evidence `Evidence.create` makes of the same values.

Drawn: the fixed fields (subjects and actors with quotes, backslashes, non-ASCII text and the
template's own marks in them; provisions in any order, repeated), and data of every shape,
including what the template must hand to `Evidence.create` (floats, lone surrogates, big
integers, subclasses, mapping proxies) or refuse as it does.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.ledger import Evidence, Origin
from sai.ledger.canonical import MAX_SAFE_INTEGER
from sai.ledger.errors import EvidenceError
from sai.ledger.template import EntryTemplate
from tests.ledger.ledger_support import assert_same_outcome, outcome

_TEXT = st.text(max_size=12) | st.sampled_from(['"data":{}', ',"data":{},"kind":', 'a\\"', "é"])
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-MAX_SAFE_INTEGER - 2, MAX_SAFE_INTEGER + 2)
    | st.text(max_size=8)
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-9, max_value=9)
)
_DATA = st.dictionaries(
    st.text(max_size=5),
    st.recursive(
        _SCALARS,
        lambda children: (
            st.lists(children, max_size=3)
            | st.lists(children, max_size=3).map(tuple)
            | st.dictionaries(st.text(max_size=4), children, max_size=3)
            | st.dictionaries(st.text(max_size=4), children, max_size=2).map(MappingProxyType)
        ),
        max_leaves=12,
    ),
    max_size=5,
)
_PROVISIONS = st.lists(st.sampled_from(["5.4.2-1", "5.2.2-1", "5.2.1-4.1", "5.1.4-3"]))
_TIMES = st.datetimes(
    min_value=datetime(2000, 1, 1), timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))])
)
_ORIGIN = Origin.control("gateway.audit")


@settings(max_examples=300, deadline=None)
@given(subject=_TEXT, actor=_TEXT, provisions=_PROVISIONS, data=_DATA, time=_TIMES)
def test_same_evidence_as_create(
    subject: str, actor: str, provisions: list[str], data: dict[str, Any], time: datetime
) -> None:
    fields = {"subject": subject, "provisions": provisions, "actor": actor, "origin": _ORIGIN}
    kind = "gateway.request"
    expected = outcome(lambda: Evidence.create(kind, data=data, time=time, **fields))
    template = outcome(lambda: EntryTemplate(kind, **fields))
    if template[0] == "error":  # the fixed fields are refused alike
        assert template == expected
        return
    made = outcome(lambda: template[1].create(data, time))
    ours = assert_same_outcome(made, expected)
    if ours is not None:
        assert ours.prepared() == expected[1].prepared()


def test_data_and_time_are_its_own() -> None:
    template = EntryTemplate("gateway.request", "chat", actor="gw", origin=_ORIGIN)
    data: dict[str, Any] = {"tools": ["a"], "n": 1}
    before = datetime.now(UTC)
    made = template.create(data)
    data["tools"].append("b")  # the evidence keeps a read-only copy
    data["n"] = 2
    assert made.data == {"tools": ("a",), "n": 1}
    assert before <= made.time <= datetime.now(UTC)
    with pytest.raises(TypeError):
        made.data["n"] = 3  # type: ignore[index]


def test_refuses_what_create_refuses() -> None:
    template = EntryTemplate("gateway.request", "chat", actor="gw", origin=_ORIGIN)
    with pytest.raises(EvidenceError, match="floating-point"):
        template.create({"x": 0.5})
    with pytest.raises(EvidenceError, match="time"):
        template.create({}, datetime(2026, 1, 1))  # naive
    with pytest.raises(EvidenceError):
        EntryTemplate("Not A Kind", "chat", actor="gw", origin=_ORIGIN)
