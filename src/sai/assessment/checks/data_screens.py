"""The training-data side of 5.2.1-4.1: each training dataset screened at its current digest.

Used by ``InputGuardsEvaluated`` (checks/guards.py), which decides 5.2.1-4.1 for both input
guards and data screens. A screen is current when its digest is the dataset's latest observed
digest and no model trained on it has changed since (no later ``asset.changed``). Findings
of the screens for poisoning and hidden content (trigger tokens, hidden instructions,
secrets) fail; the statistical ones (label issues, near-duplicates, outliers, class balance)
are for review and are named only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sai.assessment.checks._data import (
    SCREENED,
    MalformedEvidence,
    observed,
    training_datasets,
    typed,
)
from sai.assessment.checks.base import CheckContext, listing
from sai.assessment.verdict import Verdict
from sai.ledger.kinds import DataScreened, Kind

#: Screens whose findings mean the data is not sanitised.
BLOCKING = frozenset({"trigger-tokens", "hidden-instructions", "secrets"})


@dataclass(frozen=True)
class ScreenStatus:
    """What the data screens say: a verdict (None: nothing wrong), a reason, entries used."""

    verdict: Verdict | None
    reason: str
    evidence: tuple[int, ...]


def data_screen_status(ctx: CheckContext) -> ScreenStatus:
    """Whether every training dataset was screened at its current digest, and what was found."""
    try:
        return _status(ctx)
    except MalformedEvidence as bad:
        return ScreenStatus(Verdict.INCONCLUSIVE, bad.reason(), (bad.entry.index,))


def _status(ctx: CheckContext) -> ScreenStatus:
    datasets = training_datasets(ctx)
    if not datasets:
        return ScreenStatus(
            Verdict.INCONCLUSIVE, "sai.yaml declares no training data to screen", ()
        )
    used: list[int] = []
    unscreened: list[str] = []
    outdated: list[str] = []
    blocking: list[str] = []
    review: list[str] = []
    for dataset in datasets:
        entry = ctx.evidence.latest(kind=SCREENED, subject=dataset.name)
        if entry is None:
            unscreened.append(dataset.name)
            continue
        used.append(entry.index)
        screen = typed(entry, DataScreened)
        seen = observed(ctx, dataset.name)
        if seen is not None and screen.digest != seen.digest:
            outdated.append(f"{dataset.name} (data changed)")
            continue
        for model in screen.models:
            changed = ctx.evidence.latest(kind=Kind.ASSET_CHANGED, subject=model)
            if changed is not None and changed.index > entry.index:
                outdated.append(f"{dataset.name} (model {model} changed)")
        for finding in screen.findings:
            where = f"{dataset.name}: {finding.count} rows ({finding.screen})"
            (blocking if finding.screen in BLOCKING else review).append(where)
    if blocking:
        return ScreenStatus(
            Verdict.FAIL,
            f"data screens found {listing(blocking, 3)}; remove "
            "those rows and run `sai data screen` again",
            tuple(used),
        )
    if unscreened or outdated:
        what = [f"never screened: {listing(unscreened)}"] if unscreened else []
        what += [f"screened before a change: {listing(outdated)}"] if outdated else []
        return ScreenStatus(
            Verdict.INCONCLUSIVE,
            "; ".join(what) + "; run `sai data screen DATASET --label-column COL`",
            tuple(used),
        )
    note = f" (for review: {listing(review, 3)})" if review else ""
    return ScreenStatus(
        None,
        f"all {len(datasets)} training datasets screened at their current "
        f"digest with nothing hidden in them{note}",
        tuple(used),
    )


__all__ = ["BLOCKING", "ScreenStatus", "data_screen_status"]
