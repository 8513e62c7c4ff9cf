"""The report body agrees with itself: results cover the ICS, summaries count the results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sai.assessment.report.schema import Report

_SEVERITY = {"pass": 0, "inconclusive": 1, "fail": 2}


class Checks(Protocol):
    """Where a verification collects what held and what did not."""

    def check(self, held: bool, passed: str, problem: str) -> bool: ...


def _worst(verdicts: Sequence[str]) -> str | None:
    """The combined verdict: fail > inconclusive > pass; None for no verdicts."""
    return max(verdicts, key=_SEVERITY.__getitem__) if verdicts else None


def check_consistency(run: Checks, report: Report) -> None:
    """The body agrees with itself: results cover the ICS, summaries count the results."""
    applicable = [row.provision for row in report.ics if row.status == "applicable"]
    decided = [result.provision for result in report.results]
    if not run.check(
        applicable == decided,
        "results cover exactly the applicable provisions of the ICS",
        "the results do not match the applicable provisions of the ICS "
        f"({len(decided)} results, {len(applicable)} applicable)",
    ):
        return
    faults = []
    numbers = [principle.number for principle in report.principles]
    if len(set(numbers)) != len(numbers):
        faults.append("a principle is listed twice")
    for principle in report.principles:
        mine = [r.verdict for r in report.results if r.principle == principle.number]
        counts = principle.counts
        got = (counts.pass_, counts.fail, counts.inconclusive)
        if got != (mine.count("pass"), mine.count("fail"), mine.count("inconclusive")):
            faults.append(f"principle {principle.number} counts")
        if principle.verdict != _worst(mine):
            faults.append(f"principle {principle.number} verdict")
    verdicts = [r.verdict for r in report.results]
    if report.overall != (_worst(verdicts) or "inconclusive"):
        faults.append("overall verdict")
    run.check(
        not faults,
        "principle summaries and the overall verdict agree with the results",
        f"the summaries disagree with the results: {', '.join(faults)}",
    )


__all__ = ["check_consistency"]
