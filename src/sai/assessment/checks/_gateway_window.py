"""What the gateway's traffic checks share: the requests of the last 30 days, counted once per
assessment through the gateway's roll-ups, and the failure when a recomputed roll-up disagrees
with the entries it sums up (see `sai.assessment.checks.gateway`)."""

from __future__ import annotations

from datetime import timedelta

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.rollup_window import RequestWindow, request_window

WINDOW = timedelta(days=30)
NO_TRAFFIC = (
    "no gateway.request entries in the last 30 days; run the gateway (`sai gateway serve`) "
    "in front of the model so that its requests are logged"
)


def request_window_of(ctx: CheckContext) -> RequestWindow:
    """The gateway requests of the last 30 days (counted once per assessment), through the
    roll-ups recomputed for the assessment when it recomputed them (a roll-up a live gateway
    wrote since is not read: the requests it counts are read one by one)."""
    found = ctx.shared.get("gateway.requests")
    if not isinstance(found, RequestWindow):
        below = None if ctx.rollups is None else ctx.rollups.below
        found = request_window(ctx.evidence, ctx.now - WINDOW, below=below)
        ctx.shared["gateway.requests"] = found
    return found


def counted(window: RequestWindow) -> str:
    """How the window was counted, when not through roll-ups (for the end of a reason)."""
    return f" (counted entry by entry: {window.note})" if window.note else ""


def forged_rollup(check: Check, provision: Provision, ctx: CheckContext) -> CheckResult | None:
    """A failure when a roll-up recomputed for this assessment disagrees with its entries."""
    recomputed = ctx.rollups
    if recomputed is None or recomputed.ok:
        return None
    used = set(request_window_of(ctx).rollups)
    faults = sorted(recomputed.faults, key=lambda fault: fault[0] not in used)
    faulty = [index for index, _ in faults]
    window_note = (
        "the 30-day window reads it" if faulty[0] in used else "the 30-day window does not read it"
    )
    return check.result(
        provision,
        Verdict.FAIL,
        f"{faults[0][1]} ({window_note}; {len(faulty)} of {recomputed.checked} roll-ups "
        "disagree, recomputed when assessing): the gateway's counters were forged or altered, "
        "so its requests cannot be judged from them; find every such entry with "
        "`sai ledger verify`",
        [ctx.manifest_entry, *faulty[:5]],
    )


def cited(window: RequestWindow, *flagged: str, most: int = 5) -> list[int]:
    """The roll-ups used and the newest requests flagged under ``flagged``."""
    return [*window.rollups, *(i for name in flagged for i in window.tally.indices(name)[:most])]


__all__ = ["NO_TRAFFIC", "WINDOW", "cited", "counted", "forged_rollup", "request_window_of"]
