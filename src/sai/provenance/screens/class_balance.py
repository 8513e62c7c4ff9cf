"""A shift in the share of each label since the previous version of the dataset.

Poisoning by injecting or deleting rows of one class moves the class balance. The screen
compares label shares with the counts recorded for the previous version (the last screen
of the dataset in the ledger, or ``--previous FILE``): a total-variation distance of at least
``MAX_SHIFT_BP`` (basis points), or a class that appeared or vanished, is a finding.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from sai.provenance.screens.base import Finding, Screen, ScreenInput

#: Total-variation distance between label distributions from which a shift is reported.
MAX_SHIFT_BP = 1_000


class ClassBalance(Screen):
    """Label shares moved since the previous version."""

    name: ClassVar[str] = "class-balance"
    summary: ClassVar[str] = "label shares changed since the previous version"
    needs_labels: ClassVar[bool] = True

    def skip_reason(self, data: ScreenInput) -> str | None:
        if data.previous_counts is None:
            return "no previous version to compare with"
        return super().skip_reason(data)

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        assert data.previous_counts is not None
        now = Counter(data.labels)
        before = dict(data.previous_counts)
        total_now, total_before = sum(now.values()), sum(before.values())
        if not total_now or not total_before:
            return ()
        classes = sorted(set(now) | set(before))
        share_now = {c: now.get(c, 0) / total_now for c in classes}
        share_before = {c: before.get(c, 0) / total_before for c in classes}
        distance = sum(abs(share_now[c] - share_before[c]) for c in classes) / 2
        appeared = [c for c in classes if c not in before]
        vanished = [c for c in classes if c not in now]
        shift_bp = round(distance * 10_000)
        if shift_bp < MAX_SHIFT_BP and not appeared and not vanished:
            return ()
        grown = [c for c in classes if share_now[c] > share_before[c]]
        labels = data.labels
        rows = tuple(i for i, label in enumerate(labels) if label in appeared)
        return (
            Finding(
                self.name,
                rows,
                f"label shares moved by {distance:.0%} (total variation) since the previous "
                f"version; grew: {', '.join(grown) or 'none'}; new: {', '.join(appeared) or 'none'}"
                f"; gone: {', '.join(vanished) or 'none'}",
                {
                    "shift_bp": shift_bp,
                    "before": before,
                    "now": dict(sorted(now.items())),
                },
            ),
        )


__all__ = ["MAX_SHIFT_BP", "ClassBalance"]
