"""Counters joined from two halves equal one pass's; the folded recount equals the separate one
on ledgers of random traffic, roll-ups and forgeries."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.ledger import Ledger
from sai.ledger._rollupjoin import OpenTally, join, tallies_from_json, tallies_to_json
from sai.ledger.rollup_log import roll_up
from sai.ledger.rollups import MAX_COUNTERS, Tally
from tests.ledger.ledger_support import make_ledger, sqlite_url
from tests.ledger.test_rollup_fold import SPLITS, honest, recount, rollup_of
from tests.ledger.test_rollups import NOW, other, request


def _requests(rng: random.Random, count: int, names: int) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for index in range(count):
        data: dict[str, Any] = {
            "request_id": f"r{index}",
            "route": rng.choice(["chat", "embeddings"]),
            "status": rng.choice([200, 200, 401, 403, 429, 500, "200"]),
            "guards": {"input": rng.choice(["pass", "block"]), "output": "pass"},
            "verdicts": [],
            "latency_us": 1,
        }
        if rng.random() < 0.7:
            data["key_id"] = "k"
        if rng.random() < 0.9:
            data["model"] = f"m{rng.randrange(names)}"
        if rng.random() < 0.1:
            del data["latency_us"]
        out.append((index, data))
    return out


@settings(max_examples=60, deadline=None)
@given(
    rng=st.randoms(use_true_random=False),
    count=st.integers(min_value=0, max_value=700),
    names=st.sampled_from([3, 40, MAX_COUNTERS, 2 * MAX_COUNTERS]),
    cut=st.floats(min_value=0, max_value=1),
)
def test_joined_halves_count_as_one_pass(
    rng: random.Random, count: int, names: int, cut: float
) -> None:
    requests = _requests(rng, count, names)
    middle = int(cut * count)
    whole, lower, upper = Tally(), Tally(), OpenTally()
    for index, data in requests:
        moment = NOW.replace(microsecond=index % 1000)
        whole.add_request(index, data, moment)
        (lower if index < middle else upper).add_request(index, data, moment)
    sent = tallies_from_json({"overflow": False, "ends": tallies_to_json({count: upper})})
    assert sent is not None
    joined = join(lower, sent[count])
    assert joined.counts == whole.counts
    assert joined.recent == whole.recent
    assert joined.through == whole.through


def test_a_child_that_gave_up_hands_back_nothing() -> None:
    assert tallies_from_json({"overflow": True}) is None


_STEP = st.one_of(
    st.tuples(
        st.just("request"),
        st.sampled_from([200, 200, 401, 429, 500]),
        st.booleans(),
        st.integers(min_value=0, max_value=4),
    ),
    st.tuples(st.just("roll up"), st.integers(min_value=1, max_value=9)),
    st.tuples(st.just("forge"), st.sampled_from(["keyed", "requests", "status:200"])),
    st.tuples(st.just("person"), st.just("keyed")),
    st.tuples(st.just("other"), st.just(0)),
    st.tuples(st.just("checkpoint"), st.just(0)),
)


def _play(ledger: Ledger, steps: list[tuple[Any, ...]]) -> set[int]:
    """Write the steps; the indices of the control-made roll-ups forged."""
    forged: set[int] = set()
    for n, step in enumerate(steps):
        if step[0] == "request":
            _, status, keyed, model = step
            key = "k" if keyed else None
            ledger.append(request(n, status=status, key=key, model=f"m{model}"))
        elif step[0] == "roll up":
            roll_up(ledger, actor="t", most=step[1])
        elif step[0] in ("forge", "person"):
            end = ledger.size()
            wrong = honest(ledger, end)
            wrong.counts[step[1]] = wrong.count(step[1]) + 1
            index = ledger.append(rollup_of(wrong, end, person=step[0] == "person")).index
            if step[0] == "forge":
                forged.add(index)
        elif step[0] == "other":
            ledger.append(other(n))
        else:
            ledger.checkpoint()
    return forged


@settings(max_examples=20, deadline=None)
@given(steps=st.lists(_STEP, max_size=60))
def test_the_folded_recount_is_the_separate_one(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[Any, ...]]
) -> None:
    with make_ledger(sqlite_url(tmp_path_factory.mktemp("fold"))) as ledger:
        forged = _play(ledger, steps)
        for split in SPLITS.values():
            found = recount(ledger, split)  # asserts it equals `verify_rollups`
            faulty = {index for index, _ in found.faults}
            assert forged <= faulty  # each disagrees, or cannot be read (end 0)
            # the gateway's roll-ups extend the newest one: after a forgery they inherit it
            extra = faulty - forged
            assert not extra or (forged and min(extra) > min(forged))
