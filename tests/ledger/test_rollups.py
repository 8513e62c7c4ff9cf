"""Gateway roll-ups: written from the request entries, read for a window, recomputed by verify."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.entry import format_time
from sai.ledger.kinds import Kind
from sai.ledger.measured import MeasuredEvidence
from sai.ledger.rollup_log import next_rollup, roll_up, verify_rollups
from sai.ledger.rollup_window import request_window
from sai.ledger.rollups import MAX_COUNTERS, Tally, read_rollup
from tests.ledger.ledger_support import make_ledger, sqlite_url

NOW = datetime(2026, 12, 1, tzinfo=UTC)
SINCE = NOW - timedelta(days=30)


def request(
    n: int, *, status: int = 200, key: str | None = "k1", model: str | None = None, when=None
) -> Evidence:
    data: dict[str, Any] = {
        "request_id": f"r{n}",
        "method": "POST",
        "path": "/v1/chat/completions",
        "route": "chat",
        "status": status,
        "guards": {"input": "pass", "output": "pass"},
        "verdicts": [],
        "latency_us": 10,
    }
    if key is not None:
        data["key_id"] = key
    if model is not None:
        data["model"] = model
    return Evidence.create(
        Kind.GATEWAY_REQUEST,
        "chat",
        provisions=("5.4.2-1",),
        actor="sai-gateway",
        origin=Origin.control("gateway.audit"),
        data=data,
        time=when or NOW - timedelta(hours=1),
    )


def other(n: int) -> Evidence:
    return Evidence.create(
        "test.item", "s", actor="t", origin=Origin.control("test"), data={"n": n}, time=NOW
    )


def window(ledger: Ledger) -> Tally:
    return request_window(MeasuredEvidence(ledger), SINCE).tally


def counted_one_by_one(ledger: Ledger) -> Tally:
    tally = Tally()
    tally.add_all(
        e
        for e in ledger.query(kind=Kind.GATEWAY_REQUEST, since=SINCE)
        if e.evidence.origin.is_control
    )
    return tally


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with make_ledger(sqlite_url(tmp_path)) as made:
        yield made


class TestTally:
    def test_flags_what_the_checks_judge(self) -> None:
        tally = Tally()
        from sai.ledger import Entry

        cases = [
            request(0),
            request(1, key=None),  # answered without a key
            request(2, status=429),
            request(3, status=401, key=None),  # refused: not an open answer
            request(4, model="bot@2"),
        ]
        for index, evidence in enumerate(cases):
            tally.add(Entry(index=index, evidence=evidence, leaf_hash=b"\0" * 32))
        assert tally.requests == 5
        assert tally.count("answered_without_key") == 1
        assert tally.indices("answered_without_key") == [1]
        assert tally.count("rate_limited") == 1
        assert tally.count("refused") == 1
        assert tally.count("keyed") == 3
        assert tally.count("status:200") == 3
        assert tally.count("model:bot@2") == 1
        assert tally.indices("requests") == [4, 3, 2]
        assert tally.count("incomplete") == 0

    def test_a_missing_field_or_a_status_that_is_no_number_is_incomplete(self) -> None:
        from sai.ledger import Entry

        tally = Tally()
        bare = Evidence.create(
            Kind.GATEWAY_REQUEST,
            "chat",
            actor="g",
            origin=Origin.control("gateway.audit"),
            data={"route": "chat", "status": "200"},
            time=NOW,
        )
        tally.add(Entry(index=7, evidence=bare, leaf_hash=b"\0" * 32))
        assert tally.count("incomplete") == 1
        assert tally.indices("incomplete") == [7]
        assert tally.count("answered_without_key") == 0  # no numeric status: not "answered"

    def test_counter_names_are_bounded(self) -> None:
        from sai.ledger import Entry

        tally = Tally()
        for n in range(MAX_COUNTERS + 50):
            tally.add(Entry(index=n, evidence=request(n, model=f"m{n}"), leaf_hash=b"\0" * 32))
        assert len(tally.counts) <= MAX_COUNTERS + 1
        assert tally.count("other:model") > 0
        assert sum(
            v for k, v in tally.counts.items() if k.startswith(("model:", "other:model"))
        ) == (MAX_COUNTERS + 50)


class TestWriting:
    def test_nothing_to_roll_up(self, ledger: Ledger) -> None:
        ledger.append_many([other(n) for n in range(3)])
        assert next_rollup(ledger, actor="t") is None
        assert roll_up(ledger, actor="t") == 0

    def test_each_roll_up_extends_the_last_and_counts_from_index_0(self, ledger: Ledger) -> None:
        ledger.append_many([request(0), other(1), request(2, key=None)])
        assert roll_up(ledger, actor="t") == 1
        ledger.append_many([request(4, status=429), other(5)])
        assert roll_up(ledger, actor="t") == 1
        rollups = ledger.query(kind=Kind.GATEWAY_ROLLUP)
        end, tally = read_rollup(rollups[-1])
        assert end == 5  # one past the last request (index 4); index 3 is the first roll-up
        assert tally.requests == 3
        assert tally.count("answered_without_key") == 1
        assert tally.indices("answered_without_key") == [2]
        assert tally.count("rate_limited") == 1
        assert tally.through == request(4).time  # the newest request's time
        assert rollups[-1].evidence.time > tally.through  # the entry's: when it was written
        assert verify_rollups(ledger).ok

    def test_a_backlog_is_rolled_up_in_steps(self, ledger: Ledger) -> None:
        ledger.append_many([request(n) for n in range(25)])
        assert roll_up(ledger, actor="t", most=10) == 3
        ends = [read_rollup(e)[0] for e in ledger.query(kind=Kind.GATEWAY_ROLLUP)]
        assert ends == [10, 20, 25]
        assert verify_rollups(ledger).checked == 3


class TestWindow:
    def test_no_requests_no_roll_ups(self, ledger: Ledger) -> None:
        found = request_window(MeasuredEvidence(ledger), SINCE)
        assert found.tally.requests == 0
        assert found.rollups == ()
        assert found.note == "no gateway roll-up"

    def test_rolled_up_requests_older_than_the_window_are_not_counted(self, ledger: Ledger) -> None:
        old = NOW - timedelta(days=45)
        ledger.append_many([request(n, key=None, when=old) for n in range(5)])
        roll_up(ledger, actor="t")
        assert window(ledger).requests == 0  # no traffic of the last 30 days
        ledger.append_many([request(10, when=NOW - timedelta(days=1))])
        assert window(ledger).requests == 1
        assert window(ledger).count("answered_without_key") == 0

    def test_roll_ups_and_the_entries_after_them_count_every_request(self, ledger: Ledger) -> None:
        old = NOW - timedelta(days=40)
        ledger.append_many([request(n, when=old) for n in range(4)])
        roll_up(ledger, actor="t", now=old + timedelta(minutes=1))  # as the gateway did then
        ledger.append_many([request(10, key=None), request(11, status=429), other(12)])
        roll_up(ledger, actor="t", now=NOW - timedelta(minutes=30))
        ledger.append_many([request(20, model="bot@2"), request(21, key=None)])
        found = request_window(MeasuredEvidence(ledger), SINCE)
        assert len(found.rollups) == 2
        assert found.read_one_by_one == 2
        assert found.tally.counts == counted_one_by_one(ledger).counts
        assert found.tally.requests == 4
        assert found.tally.count("answered_without_key") == 2
        # entries: 0-3 old requests, 4 roll-up, 5-7, 8 roll-up, 9-10
        assert found.tally.indices("answered_without_key") == [10, 5]
        assert found.tally.indices("rate_limited") == [6]

    def test_a_person_cannot_write_a_roll_up_the_checks_read(self, ledger: Ledger) -> None:
        ledger.append_many([request(0, key=None)])
        forged = Evidence.create(
            Kind.GATEWAY_ROLLUP,
            "gateway",
            actor="mallory",
            origin=Origin.person("mallory"),
            data={"end": 1, "counts": {"requests": 1, "keyed": 1}, "recent": {}},
            time=NOW - timedelta(hours=1),
        )
        ledger.append(forged)
        assert window(ledger).count("answered_without_key") == 1
        assert verify_rollups(ledger).checked == 0

    def test_an_impossible_roll_up_is_not_used(self, ledger: Ledger) -> None:
        ledger.append_many([request(0, key=None)])
        beyond = Evidence.create(
            Kind.GATEWAY_ROLLUP,
            "gateway",
            actor="g",
            origin=Origin.control("gateway.rollup"),
            data={"end": 99, "counts": {"requests": 0}, "recent": {}},
            time=NOW - timedelta(hours=1),
        )
        ledger.append(beyond)
        found = request_window(MeasuredEvidence(ledger), SINCE)
        assert found.rollups == ()
        assert found.tally.count("answered_without_key") == 1
        assert "unreadable" in found.note
        assert not verify_rollups(ledger).ok

    def test_an_unreadable_roll_up_before_the_window_does_not_widen_it(
        self, ledger: Ledger
    ) -> None:
        old = NOW - timedelta(days=40)
        ledger.append_many([request(0, key=None, when=old), request(1, when=old)])
        ledger.append(
            Evidence.create(
                Kind.GATEWAY_ROLLUP,
                "gateway",
                actor="g",
                origin=Origin.control("gateway.rollup"),
                data={"end": 2, "counts": {"requests": -1}, "recent": {}},
                time=old,
            )
        )
        ledger.append(request(3))
        roll_up(ledger, actor="t")  # extends nothing readable: counts from index 0
        found = request_window(MeasuredEvidence(ledger), SINCE)
        assert "#2 unreadable" in found.note
        assert found.tally.requests == 1  # the old unkeyed answer is not in the window
        assert found.tally.count("answered_without_key") == 0

    def test_roll_ups_whose_counts_go_down_are_not_used(self, ledger: Ledger) -> None:
        old = NOW - timedelta(days=40)
        ledger.append(request(0, when=old))
        inflated = Evidence.create(  # claims more than the later roll-up: both cannot be true
            Kind.GATEWAY_ROLLUP,
            "gateway",
            actor="g",
            origin=Origin.control("gateway.rollup"),
            data={"end": 1, "counts": {"requests": 5}, "recent": {}, "through": format_time(old)},
            time=old,
        )
        ledger.append(inflated)
        ledger.append(request(2, key=None))
        honest = Tally()
        honest.add_all(ledger.query(kind=Kind.GATEWAY_REQUEST))
        ledger.append(
            Evidence.create(
                Kind.GATEWAY_ROLLUP,
                "gateway",
                actor="g",
                origin=Origin.control("gateway.rollup"),
                data=honest.payload(3).to_data(),
                time=request(2).time,
            )
        )
        found = request_window(MeasuredEvidence(ledger), SINCE)
        assert "disagree" in found.note
        assert found.rollups == ()
        assert found.tally.count("answered_without_key") == 1
        assert [i for i, _ in verify_rollups(ledger).faults] == [1]

    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from([200, 200, 401, 429, 500]),
                st.booleans(),
                st.integers(min_value=0, max_value=60),
                st.booleans(),
            ),
            max_size=40,
        )
    )
    def test_same_counts_as_reading_every_entry(
        self, tmp_path_factory: pytest.TempPathFactory, calls: list[tuple[int, bool, int, bool]]
    ) -> None:
        """Roll-ups at arbitrary points give the counts of reading every request, as long as
        no roll-up holds requests from both sides of the window's start."""
        with make_ledger(sqlite_url(tmp_path_factory.mktemp("prop"))) as ledger:
            calls = sorted(calls, key=lambda c: -c[2])
            for n, (status, keyed, days_ago, then_roll) in enumerate(calls):
                when = NOW - timedelta(days=days_ago, minutes=1)
                if days_ago < 30 and n and calls[n - 1][2] >= 30:
                    # the older requests end in a roll-up of their own, written before the window
                    roll_up(ledger, actor="t", now=SINCE - timedelta(seconds=1))
                ledger.append(request(n, status=status, key="k" if keyed else None, when=when))
                if then_roll:
                    roll_up(ledger, actor="t", now=when + timedelta(seconds=1))
            assert window(ledger).counts == counted_one_by_one(ledger).counts
            assert verify_rollups(ledger).ok

    def test_a_roll_up_across_the_window_start_counts_its_older_requests_too(
        self, ledger: Ledger
    ) -> None:
        """The window then starts at the roll-up before it: earlier, never later."""
        ledger.append(request(0, key=None, when=SINCE - timedelta(minutes=5)))
        ledger.append(request(1, when=SINCE + timedelta(minutes=5)))
        roll_up(ledger, actor="t")
        assert counted_one_by_one(ledger).requests == 1
        assert window(ledger).requests == 2
        assert window(ledger).count("answered_without_key") == 1


class TestVerify:
    def _rolled(self, ledger: Ledger) -> int:
        ledger.append_many([request(0), request(1, key=None), request(2)])
        roll_up(ledger, actor="t")
        return ledger.query(kind=Kind.GATEWAY_ROLLUP)[-1].index

    def test_a_forged_roll_up_is_named(self, ledger: Ledger) -> None:
        self._rolled(ledger)
        ledger.append_many([request(4, key=None)])
        forged = Evidence.create(
            Kind.GATEWAY_ROLLUP,
            "gateway",
            actor="g",
            origin=Origin.control("gateway.rollup"),
            data={
                "end": 5,
                "counts": {"requests": 4, "keyed": 4, "status:200": 4, "route:chat": 4},
                "recent": {},
                "through": format_time(request(4).time),
            },
            time=request(4).time,
        )
        index = ledger.append(forged).index
        # the checks would believe it: no unkeyed answer in the window...
        assert window(ledger).count("answered_without_key") == 0
        # ...but recomputing it from the entries names it
        checked = verify_rollups(ledger)
        assert [i for i, _ in checked.faults] == [index]
        assert "answered_without_key 0 (recomputed 2)" in checked.problems[0]
        assert "keyed 4 (recomputed 2)" in checked.problems[0]

    def test_a_request_entry_altered_under_a_roll_up_is_caught(self, ledger: Ledger) -> None:
        self._rolled(ledger)
        ledger.checkpoint()
        # a request entry swapped for another (with its hash) no longer matches the roll-up
        # (and the Merkle tree: `Ledger.verify` names that too)
        swapped = request(1)  # now keyed
        with ledger.engine.begin() as conn:
            from sai.ledger.merkle import leaf_hash

            leaf = swapped.leaf_bytes()
            conn.execute(
                sa.text("UPDATE ledger_entries SET leaf = :l, leaf_hash = :h WHERE idx = 1"),
                {"l": leaf, "h": leaf_hash(leaf)},
            )
        assert "answered_without_key 1 (recomputed 0)" in verify_rollups(ledger).problems[0]
        assert not ledger.verify().ok

    def test_a_removed_roll_up_breaks_the_log(self, ledger: Ledger) -> None:
        index = self._rolled(ledger)
        ledger.checkpoint()
        with ledger.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM ledger_entries WHERE idx = :i"), {"i": index})
        assert not ledger.verify().ok
        # and without it the window is counted from the entries themselves
        assert window(ledger).count("answered_without_key") == 1

    @pytest.mark.services
    def test_postgres(self, postgres_url: str) -> None:
        with make_ledger(postgres_url) as ledger:
            ledger.append_many([request(n, key=None if n == 3 else "k") for n in range(30)])
            assert roll_up(ledger, actor="t", most=7) == 5
            ledger.append_many([request(40, status=429)])
            found = request_window(MeasuredEvidence(ledger), SINCE)
            assert found.tally.requests == 31
            assert found.tally.indices("answered_without_key") == [3]
            assert found.read_one_by_one == 1
            assert verify_rollups(ledger).ok
