"""The roll-up recount benchmark measures variants that do the same work on the same ledger."""

from __future__ import annotations

from pathlib import Path

from benchmarks.rollup_recount import build, measure, variants


def test_the_two_passes_and_the_folded_pass_check_the_same_roll_ups(tmp_path: Path) -> None:
    build(tmp_path, 2_500)  # rolled up at 1,000, 2,000 and 2,500 requests
    calls = variants(tmp_path)
    assert calls["two passes"]() == calls["folded"]() == 3
    assert calls["verify only"]() == 2_500 + 3  # entries: the requests and their roll-ups
    figures = measure(calls, 2)
    assert set(figures) == {"verify only", "two passes", "folded"}
    assert all(len(f["cpu_s"]) == 2 and f["cpu_s_median"] > 0 for f in figures.values())
