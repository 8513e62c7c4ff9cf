"""The newest entry of several kinds about one subject, for checks that accept any of them."""

from __future__ import annotations

from sai.assessment.checks.base import CheckContext
from sai.ledger import Entry
from sai.ledger.kinds import Kind


def latest_of(ctx: CheckContext, kinds: tuple[Kind, ...], subject: str) -> Entry | None:
    """The newest entry of any of ``kinds`` about ``subject``."""
    found = [e for k in kinds if (e := ctx.evidence.latest(kind=k, subject=subject))]
    return max(found, key=lambda e: e.index, default=None)


__all__ = ["latest_of"]
