"""verify_report on arbitrary bytes and on mutated reports: problems or a SaiError, nothing else."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sai.assessment.report import verify_report
from sai.errors import SaiError

from .conftest import build_report

BASE: dict[str, Any] = build_report().report
BASE_BYTES = json.dumps(BASE).encode("utf-8")

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _slots(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a member or element of the document."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*path, key))
            found.extend(_slots(item, (*path, key)))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            found.append((*path, position))
            found.extend(_slots(item, (*path, position)))
    return found


SLOTS = _slots(BASE)


def _tweak(value: Any, salt: int) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1 + salt
    if isinstance(value, str):
        if not value:
            return "x"
        position = salt % len(value)
        replacement = "A" if value[position] != "A" else "B"
        return value[:position] + replacement + value[position + 1 :]
    return None


@st.composite
def mutations(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """A copy of the report with one member replaced, tweaked or deleted."""
    document = copy.deepcopy(BASE)
    path = draw(st.sampled_from(SLOTS))
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    action = draw(st.sampled_from(["replace", "tweak", "delete"]))
    if action == "delete":
        del parent[last]
    elif action == "tweak":
        parent[last] = _tweak(parent[last], draw(st.integers(0, 1000)))
    else:
        parent[last] = draw(json_values)
    return document, document != BASE


def _run(data: bytes) -> bool | None:
    try:
        return verify_report(data).ok
    except SaiError:
        return None


class TestFuzz:
    @given(st.binary(max_size=2000))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        assert _run(data) in (False, None)

    @given(st.binary(max_size=200))
    def test_bytes_spliced_into_a_real_report(self, noise: bytes) -> None:
        cut = len(noise) * 37 % len(BASE_BYTES)
        data = BASE_BYTES[:cut] + noise + BASE_BYTES[cut:]
        assume(data != BASE_BYTES)
        assert _run(data) in (False, None, True)

    @settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
    @given(mutations())
    def test_any_change_is_caught(self, mutated: tuple[dict[str, Any], bool]) -> None:
        document, changed = mutated
        assume(changed)
        # The embedded verifier key is the only member whose change a verification with the
        # embedded key cannot see... unless it no longer matches the signature, which it won't.
        assert _run(json.dumps(document).encode("utf-8")) in (False, None)
