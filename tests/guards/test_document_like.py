"""The injection guard's shortcut for short texts without a sentence end or line break
decides exactly as counting their units does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sai.guards.injection._units import MAX_UNIT, has_boundary, units
from sai.guards.injection.parts import DOCUMENT_MIN, DOCUMENT_UNITS, document_like

_PIECES = st.sampled_from(
    [
        "word",
        "two words",
        ". ",
        "?",
        "! x",
        "\n",
        "\r\n",
        "。",
        ";",
        '." ',
        "  ",
        "é",
        "42",
        "x" * 90,
    ]
)
_TEXTS = st.lists(_PIECES | st.text(max_size=12), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_document_like_equals_counting_units(text: str) -> None:
    expected = len(text) >= DOCUMENT_MIN or len(units(text)) >= DOCUMENT_UNITS
    assert document_like(text) is expected


def test_the_shortcut_only_skips_texts_of_one_unit_at_most() -> None:
    one_long_unit = "word " * (MAX_UNIT // 5 + 4)  # no boundary, but cut into pieces
    assert not has_boundary(one_long_unit)
    assert len(one_long_unit) < DOCUMENT_MIN
    assert document_like(one_long_unit) is (len(units(one_long_unit)) >= DOCUMENT_UNITS)
    assert document_like("First sentence here. Second one there.")
    assert not document_like("What is the capital of France?")
