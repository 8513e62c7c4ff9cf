"""The ledger browser's filters and keyset pages, and the live inclusion check."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.ledger import Evidence, Ledger, Origin, open_ledger
from sai.web.browse import FilterError, Filters, check_inclusion, page, parse_filters
from sai.workspace import open_workspace

START = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def ledger(workspace_dir: Path) -> Iterator[Ledger]:
    with open_ledger(open_workspace(workspace_dir)) as opened:
        opened.append_many(
            [
                Evidence.create(
                    "note.a" if i % 3 else "note.b",
                    f"s{i % 2}",
                    provisions=("5.1.4-1",) if i % 5 == 0 else (),
                    actor="test",
                    origin=Origin.person("test"),
                    data={"i": i},
                    time=START + timedelta(days=i),
                )
                for i in range(23)
            ]
        )
        yield opened


def walk(ledger: Ledger, filters: Filters, size: int) -> list[int]:
    seen: list[int] = []
    cursor = None
    while True:
        shown = page(ledger, Filters(**{**filters.__dict__, "before": cursor}), size)
        seen.extend(e.index for e in shown.entries)
        if shown.next_before is None:
            return seen
        cursor = shown.next_before


@pytest.mark.parametrize("size", [1, 4, 7, 23, 50])
def test_pages_cover_everything_once_newest_first(ledger: Ledger, size: int) -> None:
    assert walk(ledger, Filters(), size) == list(range(22, -1, -1))


def test_filters_combine(ledger: Ledger) -> None:
    expected = [i for i in range(22, -1, -1) if i % 3 and i % 2 == 1]
    assert walk(ledger, Filters(kind="note.a", subject="s1"), 3) == expected
    assert walk(ledger, Filters(provision="5.1.4-1"), 2) == [20, 15, 10, 5, 0]
    since, until = START + timedelta(days=5), START + timedelta(days=8)
    assert walk(ledger, Filters(since=since, until=until), 2) == [7, 6, 5]


def test_query_string_round_trips() -> None:
    filters = parse_filters(
        {"kind": "gateway.review", "provision": "5.1.4-1", "since": "2026-01-02"}
    )
    from urllib.parse import parse_qsl

    again = parse_filters(dict(parse_qsl(filters.query_string(40))))
    assert again == Filters(**{**filters.__dict__, "before": 40})


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "Not A Kind"}, "kind"),
        ({"provision": "5.1.4"}, "provision"),
        ({"before": "-1"}, "before"),
        ({"before": "9" * 30}, "before"),
        ({"since": "yesterday"}, "since"),
        ({"subject": "x" * 201}, "subject"),
    ],
)
def test_bad_filters(params: dict[str, str], message: str) -> None:
    with pytest.raises(FilterError, match=message):
        parse_filters(params)


def test_blank_filters_are_no_filters() -> None:
    assert parse_filters({"kind": " ", "subject": ""}) == Filters()


@given(
    st.dictionaries(
        st.sampled_from(["kind", "subject", "provision", "since", "until", "before", "x"]),
        st.text(max_size=40),
    )
)
def test_any_query_parses_or_raises_filter_error(params: dict[str, str]) -> None:
    with contextlib.suppress(FilterError):
        parse_filters(params)


def test_inclusion_checked_against_tree_and_checkpoint(ledger: Ledger) -> None:
    entry = ledger.get(3)
    before = check_inclusion(ledger, entry)
    assert before.ok
    assert before.checkpoint_size is None
    ledger.checkpoint()
    after = check_inclusion(ledger, entry)
    assert after.ok
    assert after.checkpoint_size == 23
    assert after.tree_size == 23


def test_inclusion_fails_for_a_forged_entry(ledger: Ledger) -> None:
    from dataclasses import replace

    forged = replace(ledger.get(3), leaf_hash=bytes(32))
    result = check_inclusion(ledger, forged)
    assert not result.ok


def test_non_ascii_digits_are_not_an_index() -> None:
    with pytest.raises(FilterError, match="before"):
        parse_filters({"before": "²"})
