"""A held response and the decision on it, as the review queue hands it out: the status
values, the ``Review`` record, and how a ``gateway_reviews`` row becomes one."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class ReviewStatus(enum.StrEnum):
    """Where a held response stands: waiting for a reviewer, or decided."""

    pending = "pending"
    approved = "approved"
    rejected = "rejected"


PENDING, APPROVED, REJECTED = ReviewStatus.pending, ReviewStatus.approved, ReviewStatus.rejected


@dataclass(frozen=True)
class Review:
    """A held response and the decision on it."""

    review_id: str
    request_id: str
    key_id: str
    role: str
    route: str
    model: str
    reasons: tuple[str, ...]
    status: str
    created_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    note: str | None

    def as_json(self) -> dict[str, Any]:
        """The review without the held response body."""
        return {
            "review_id": self.review_id,
            "request_id": self.request_id,
            "key_id": self.key_id,
            "role": self.role,
            "route": self.route,
            "model": self.model,
            "reasons": list(self.reasons),
            "status": self.status,
            "created_at": self.created_at.isoformat(),
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "decided_by": self.decided_by,
            "note": self.note,
        }


def review_from_row(row: Any) -> Review:
    """The ``Review`` a ``gateway_reviews`` row holds (its held response left out)."""
    return Review(
        review_id=row.review_id,
        request_id=row.request_id,
        key_id=row.key_id,
        role=row.role,
        route=row.route,
        model=row.model,
        reasons=tuple(json.loads(row.reasons)),
        status=row.status,
        created_at=row.created_at,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        note=row.note,
    )
