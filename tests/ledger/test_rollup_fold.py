"""The roll-up recount folded into `verify`'s pass finds what the separate pass found.

Every ledger here is verified with ``rollups=True`` in one process and split in two (the upper
half counted by a child process), and the outcome is held against `verify_rollups`, the
separate pass over the request entries that `sai ledger verify` and `sai assess` ran before,
and against what reasoning about the entries says it must be.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from sai.ledger import Evidence, Ledger, Origin
from sai.ledger._entrycheck import check_range_in_process
from sai.ledger.kinds import Kind
from sai.ledger.logverify import VerifyReport, verify_log
from sai.ledger.merkle import leaf_hash
from sai.ledger.rollup_log import roll_up, verify_rollups
from sai.ledger.rollups import RollupCheck, Tally
from tests.ledger.ledger_support import ORIGIN, make_ledger, sqlite_url
from tests.ledger.test_rollups import NOW, other, request

#: How each ledger is verified: in one pass, or split at half its size with a child process.
SPLITS = {"one process": 10**9, "two processes": 2}


def verify(ledger: Ledger, split: int, *, strict: bool = False) -> VerifyReport:
    return verify_log(
        ledger.engine,
        origin=ORIGIN,
        verifiers=[ledger.verifier],
        checkpoint_file=ledger.checkpoint_path,
        parallel_from=split,
        strict=strict,
        rollups=True,
    )


def recount(ledger: Ledger, split: int) -> RollupCheck:
    """The folded recount of a log that verifies; it must equal the separate pass's."""
    report = verify(ledger, split)
    assert report.ok, report.problems
    assert report.rollups is not None
    assert report.rollups == verify_rollups(ledger)
    return report.rollups


def honest(ledger: Ledger, end: int) -> Tally:
    tally = Tally()
    tally.add_all(
        e
        for e in ledger.query(kind=Kind.GATEWAY_REQUEST, before=end)
        if e.evidence.origin.is_control
    )
    return tally


def rollup_of(
    tally: Tally, end: int, *, person: bool = False, like: Evidence | None = None
) -> Evidence:
    """A roll-up entry stating ``tally`` below ``end`` (with the time and provisions of
    ``like``, to stand in for it in place)."""
    return Evidence.create(
        Kind.GATEWAY_ROLLUP,
        "gateway",
        provisions=() if like is None else like.provisions,
        actor="sai-gateway",
        origin=Origin.person("mallory") if person else Origin.control("gateway.rollup"),
        data=tally.payload(end).to_data(),
        time=NOW if like is None else like.time,
    )


def stored(ledger: Ledger, index: int) -> Evidence:
    return ledger.get(index).evidence


def traffic(ledger: Ledger, count: int, start: int = 0) -> None:
    """``count`` requests: every seventh answered without a key, every fifth rate-limited."""
    ledger.append_many(
        [
            request(
                n,
                status=429 if n % 5 == 4 else 200,
                key=None if n % 7 == 3 else "k",
                model=f"m{n % 3}",
            )
            for n in range(start, start + count)
        ]
    )


def swap_leaf(ledger: Ledger, index: int, evidence: Evidence) -> None:
    """Replace a stored entry and its leaf hash (what a forger with the database can do)."""
    leaf = evidence.leaf_bytes()
    with ledger.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE ledger_entries SET leaf = :l, leaf_hash = :h WHERE idx = :i"),
            {"l": leaf, "h": leaf_hash(leaf), "i": index},
        )


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with make_ledger(sqlite_url(tmp_path)) as made:
        yield made


@pytest.fixture(params=sorted(SPLITS))
def split(request: pytest.FixtureRequest) -> int:
    return SPLITS[request.param]


class TestSameOutcome:
    def test_no_roll_ups(self, ledger: Ledger, split: int) -> None:
        traffic(ledger, 30)
        assert recount(ledger, split) == RollupCheck(0, (), 30)

    def test_a_roll_up_a_person_wrote_is_not_counted(self, ledger: Ledger, split: int) -> None:
        traffic(ledger, 4)
        wrong = honest(ledger, 4)
        wrong.counts["keyed"] += 1
        ledger.append(rollup_of(wrong, 4, person=True))
        assert recount(ledger, split) == RollupCheck(0, (), 5)

    def test_roll_ups_the_gateway_wrote_agree(self, ledger: Ledger, split: int) -> None:
        traffic(ledger, 40)
        assert roll_up(ledger, actor="t", most=6) == 7  # 6 x 6 requests, then 4
        traffic(ledger, 9, start=40)
        roll_up(ledger, actor="t")
        found = recount(ledger, split)
        assert found.checked == 8
        assert found.ok

    def test_an_edited_roll_up_is_named(self, ledger: Ledger, split: int) -> None:
        traffic(ledger, 20)
        roll_up(ledger, actor="t", most=8)  # ends 8, 16, 20 at indices 20, 21, 22
        traffic(ledger, 10, start=23)
        edited = honest(ledger, 33)
        keyed = edited.count("keyed")
        assert keyed == 33 - 3 - 5  # 3 rolled-up entries, 5 requests without a key (n % 7 == 3)
        edited.counts["keyed"] = keyed + 1
        index = ledger.append(rollup_of(edited, 33)).index
        found = recount(ledger, split)
        assert found.checked == 4
        assert found.faults == (
            (
                index,
                f"gateway.rollup #{index} disagrees with the gateway.request entries below 33: "
                f"keyed {keyed + 1} (recomputed {keyed})",
            ),
        )

    def test_a_stored_roll_up_edited_in_place(self, ledger: Ledger, split: int) -> None:
        """Beyond any checkpoint (and in no full tile) the log still verifies; the recount
        names the roll-up. Under a checkpoint the log fails and nothing is recounted."""
        traffic(ledger, 12)
        roll_up(ledger, actor="t")
        edited = honest(ledger, 12)
        edited.counts.pop("answered_without_key")
        edited.recent.pop("answered_without_key")
        swap_leaf(ledger, 12, rollup_of(edited, 12, like=stored(ledger, 12)))
        found = recount(ledger, split)
        assert [i for i, _ in found.faults] == [12]
        assert "answered_without_key 0 (recomputed 2)" in found.problems[0]
        assert "newest answered_without_key [] (recomputed [10, 3])" in found.problems[0]
        assert verify(ledger, split, strict=True).rollups is None  # nothing signed for it

    def test_an_edited_roll_up_under_a_checkpoint_fails_the_log(
        self, ledger: Ledger, split: int
    ) -> None:
        traffic(ledger, 12)
        roll_up(ledger, actor="t")
        ledger.checkpoint()
        edited = honest(ledger, 12)
        edited.counts["keyed"] += 1
        swap_leaf(ledger, 12, rollup_of(edited, 12, like=stored(ledger, 12)))
        report = verify(ledger, split)
        assert not report.ok
        assert report.rollups is None

    def test_an_entry_inside_a_window_edited(self, ledger: Ledger, split: int) -> None:
        """A request entry changed under roll-ups: every roll-up whose end lies above it
        disagrees (their counters run from index 0), the one below it does not."""
        traffic(ledger, 10)
        roll_up(ledger, actor="t")  # #10, end 10
        traffic(ledger, 10, start=11)
        roll_up(ledger, actor="t")  # #21, end 21
        roll_up(ledger, actor="t")  # nothing new: no roll-up
        traffic(ledger, 3, start=22)
        roll_up(ledger, actor="t")  # #25, end 25
        # request 17 was answered without a key (17 % 7 == 3); now it carries one
        swap_leaf(ledger, 17, request(17, model="m2"))
        found = recount(ledger, split)
        assert [i for i, _ in found.faults] == [21, 25]
        # 20 requests below 21 (no request 10: #10 is the roll-up); unkeyed: 3 and 17
        assert found.problems[0] == (
            "gateway.rollup #21 disagrees with the gateway.request entries below 21: "
            "answered_without_key 2 (recomputed 1); keyed 18 (recomputed 19); "
            "newest answered_without_key [17, 3] (recomputed [3])"
        )

    def test_a_window_spanning_a_checkpoint(self, ledger: Ledger, split: int) -> None:
        traffic(ledger, 9)
        ledger.checkpoint()
        ledger.append(other(9))
        traffic(ledger, 8, start=10)
        roll_up(ledger, actor="t")  # #18, end 18: its window spans the checkpoint at 9
        ledger.checkpoint()
        traffic(ledger, 5, start=19)
        wrong = honest(ledger, 24)
        assert wrong.count("rate_limited") == 3  # requests 4, 14 and 19 (n % 5 == 4)
        wrong.counts["rate_limited"] -= 1
        forged = ledger.append(rollup_of(wrong, 24)).index
        ledger.checkpoint()
        report = verify(ledger, split, strict=True)
        assert report.ok, report.problems
        assert report.rollups == verify_rollups(ledger)
        assert report.rollups is not None
        assert report.rollups.checked == 2
        assert [i for i, _ in report.rollups.faults] == [forged]
        assert "rate_limited 2 (recomputed 3)" in report.rollups.problems[0]

    def test_a_roll_up_before_its_entries(self, ledger: Ledger, split: int) -> None:
        """A roll-up placed before the requests it claims: one whose end lies beyond its own
        index cannot be read, one that counts requests written after it disagrees."""
        traffic(ledger, 2)
        later = Tally()
        for n in range(2, 6):  # what requests 2..5 will be, counted ahead of time
            later.add_request(n, request(n).data, request(n).time)
        beyond = ledger.append(rollup_of(later, 6)).index  # #2 claims end 6
        ahead = honest(ledger, 2)
        ahead.counts["requests"] += 4
        early = ledger.append(rollup_of(ahead, 2)).index  # #3 claims 6 requests below 2
        traffic(ledger, 4, start=4)
        found = recount(ledger, split)
        assert found.checked == 2
        assert found.faults == (
            (
                beyond,
                f"gateway.rollup #{beyond}: evidence field 'data.end': 6 is not an index "
                "below the roll-up's own",
            ),
            (
                early,
                f"gateway.rollup #{early} disagrees with the gateway.request entries below 2: "
                "requests 6 (recomputed 2)",
            ),
        )


class TestAcrossTheSplit:
    """The child counts the upper half from zero; its counters join the lower half's."""

    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path: Path) -> None:
        self.folder = tmp_path

    @pytest.mark.parametrize("before", [0, 1, 5, 11, 12])
    def test_roll_ups_on_both_sides_of_the_middle(self, ledger: Ledger, before: int) -> None:
        """Entries are split at size // 2: roll-ups whose end lies below, at and above it,
        each held against the right counters (the last one forged)."""
        ledger.append_many([other(n) for n in range(before)])
        traffic(ledger, 12)
        roll_up(ledger, actor="t", most=5)
        traffic(ledger, 6, start=12)
        roll_up(ledger, actor="t", most=4)
        size = ledger.size()
        wrong = honest(ledger, size)
        wrong.counts["status:200"] += 1
        forged = ledger.append(rollup_of(wrong, size)).index
        for split in SPLITS.values():
            found = recount(ledger, split)
            assert found.checked == 6
            assert [i for i, _ in found.faults] == [forged]

    def test_more_counter_names_than_kept(self, ledger: Ledger) -> None:
        """Beyond 256 names the rest count under other:model, as one pass would count them."""
        ledger.append_many([request(n, model=f"made-up-{n}") for n in range(200)])
        roll_up(ledger, actor="t", most=60)  # 4 roll-ups; 6 + 200 names
        # models 200..299 then 150..249: 200..249 reach the 256 names, 250..299 (one request
        # each) go under other:model
        ledger.append_many([request(n, model=f"made-up-{n % 150 + 150}") for n in range(200, 400)])
        roll_up(ledger, actor="t", most=60)
        newest = ledger.query(kind=Kind.GATEWAY_ROLLUP)[-1]
        assert newest.evidence.data["counts"]["other:model"] == 50
        assert newest.evidence.data["recent"]["other:model"] == (303, 302, 301)  # n 299..297
        found = recount(ledger, 2)  # split at 204: the upper half meets all of 150..299
        assert found.checked == 8
        assert found.ok

    def test_a_half_with_too_many_names_is_counted_here(self, ledger: Ledger) -> None:
        """A child that meets more names than it keeps hands its half back, and this process
        checks and counts it: the outcome is the same."""
        ledger.append_many([request(n) for n in range(50)])
        ledger.append_many([request(n, model=f"m{n}", key=None) for n in range(50, 2500)])
        roll_up(ledger, actor="t", most=1000)
        wrong = honest(ledger, 2500)
        wrong.counts["other:model"] -= 1
        forged = ledger.append(rollup_of(wrong, 2500)).index
        size = ledger.size()
        ends = [1000, 2000, 2500]
        upper = check_range_in_process(sqlite_url(self.folder), size // 2, size, size, ends)
        assert upper.rollups == {"overflow": True}  # 1,250 names in its half
        found = recount(ledger, 2)
        assert found.checked == 4
        assert [i for i, _ in found.faults] == [forged]


@pytest.mark.services
@pytest.mark.parametrize("name", sorted(SPLITS))
def test_postgres(postgres_url: str, name: str) -> None:
    with make_ledger(postgres_url) as ledger:
        traffic(ledger, 30)
        roll_up(ledger, actor="t", most=7)
        ledger.checkpoint()
        traffic(ledger, 6, start=35)
        wrong = honest(ledger, ledger.size())
        wrong.counts["keyed"] += 2
        forged = ledger.append(rollup_of(wrong, ledger.size())).index
        swap_leaf(ledger, 36, request(36, key=None))  # beyond the checkpoint
        found = recount(ledger, SPLITS[name])
        assert found.checked == 6
        assert [i for i, _ in found.faults] == [forged]
        # unkeyed 2xx answers: 3, 10, 17 and 38 (24 was rate-limited), and now 36
        assert "answered_without_key 4 (recomputed 5)" in found.problems[0]
        assert verify(ledger, SPLITS[name], strict=True).rollups is None
