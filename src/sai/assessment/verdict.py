"""Verdicts and how they combine: fail wins, then inconclusive, then pass (ETSI TS 104 216)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from sai.catalog import ProvisionId


class Verdict(enum.StrEnum):
    """The outcome of a check. "Not applicable" is not a verdict: it lives in the ICS."""

    PASS = "pass"  # noqa: S105 - a verdict, not a password
    FAIL = "fail"
    INCONCLUSIVE = "inconclusive"


_SEVERITY = {Verdict.PASS: 0, Verdict.INCONCLUSIVE: 1, Verdict.FAIL: 2}


def combine(verdicts: Iterable[Verdict]) -> Verdict | None:
    """The combined verdict: fail > inconclusive > pass; ``None`` when there is nothing."""
    worst: Verdict | None = None
    for verdict in verdicts:
        if worst is None or _SEVERITY[verdict] > _SEVERITY[worst]:
            worst = verdict
    return worst


def meets(verdict: Verdict, threshold: Verdict) -> bool:
    """Whether ``verdict`` is at least as good as the ``--fail-on`` threshold allows.

    With threshold ``fail`` only a fail is rejected; with ``inconclusive`` anything but pass is.
    """
    return _SEVERITY[verdict] < _SEVERITY[threshold]


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one provision, the reason a person can act on, and the evidence used."""

    provision: ProvisionId
    verdict: Verdict
    reason: str
    check: str
    automated: bool
    evidence: tuple[int, ...] = ()


__all__ = ["CheckResult", "Verdict", "combine", "meets"]
