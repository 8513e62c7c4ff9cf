"""EvidenceQuery: one frozen set of filters, validated once, shared by every ledger reader."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sai.ledger import EvidenceQuery
from sai.ledger.errors import TreeRangeError


def test_keywords_apply_on_top_of_a_query() -> None:
    base = EvidenceQuery(kind="scan.result", limit=5)
    merged = EvidenceQuery.of(base, {"subject": "clf", "limit": 2})
    assert merged == EvidenceQuery(kind="scan.result", subject="clf", limit=2)
    assert base.limit == 5  # frozen: the original is untouched


def test_no_query_and_no_filters_is_everything() -> None:
    assert EvidenceQuery.of(None, {}) == EvidenceQuery()


def test_newest_is_one_entry_in_reverse_order() -> None:
    newest = EvidenceQuery(provision="5.2.1-1", limit=40).newest()
    assert (newest.provision, newest.limit, newest.descending) == ("5.2.1-1", 1, True)


@pytest.mark.parametrize("limit", [-1, 1.5, True, "3"])
def test_limit_must_be_a_non_negative_integer(limit: object) -> None:
    with pytest.raises(TreeRangeError, match="limit"):
        EvidenceQuery(limit=limit)  # type: ignore[arg-type]


def test_times_must_be_aware() -> None:
    with pytest.raises(TreeRangeError, match="since"):
        EvidenceQuery(since=datetime(2026, 1, 1))
    with pytest.raises(TreeRangeError, match="until"):
        EvidenceQuery(until="2026-01-01")  # type: ignore[arg-type]
    aware = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=2)))
    assert EvidenceQuery(since=aware, until=datetime.now(UTC)).since == aware


@pytest.mark.parametrize("start", [-1, 2.0, False])
def test_start_must_be_a_non_negative_integer(start: object) -> None:
    with pytest.raises(TreeRangeError, match="start"):
        EvidenceQuery(start=start)  # type: ignore[arg-type]


def test_start_and_before_bound_an_index_range(tmp_path: Path) -> None:
    from tests.ledger.ledger_support import fill, make_ledger, sqlite_url

    with make_ledger(sqlite_url(tmp_path)) as ledger:
        fill(ledger, 20)
        assert [e.index for e in ledger.query(start=15)] == [15, 16, 17, 18, 19]
        assert [e.index for e in ledger.query(start=5, before=8, descending=True)] == [7, 6, 5]
        assert ledger.query(start=20) == []
        # with other filters: fill's subjects cycle through five
        assert [e.index for e in ledger.query(start=10, subject="subject-2")] == [12, 17]
