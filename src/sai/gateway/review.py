"""Human review of held responses (5.1.4-1, 5.1.4-3).

A response whose guards say ``review`` is stored in ``gateway_reviews`` instead of being sent;
the caller gets 202 and a review id to poll. A reviewer approves or rejects it (CLI, the
gateway's review routes, later the dashboard); each decision is a ``gateway.review`` ledger
entry. After approval, the poll returns the held response; after rejection, 403. The ``Review``
record and its status values live in :mod:`sai.gateway._review_record` (re-exported here).
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sai.gateway._review_record import (
    APPROVED,
    PENDING,
    REJECTED,
    Review,
    ReviewStatus,
    review_from_row,
)
from sai.gateway.errors import ReviewError, SelfReviewError
from sai.ledger import EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import GatewayReview, Kind
from sai.store import gateway_reviews, reading, writing

REVIEW_KIND = Kind.GATEWAY_REVIEW
REVIEW_PROVISIONS = ("5.1.4-1", "5.1.4-3")


class ReviewQueue:
    """The ``gateway_reviews`` table: hold, look up, list and decide."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def hold(
        self,
        *,
        request_id: str,
        key_id: str,
        role: str,
        route: str,
        model: str,
        reasons: list[str],
        response: dict[str, Any],
        now: datetime | None = None,
    ) -> str:
        """Store a held response; returns its review id."""
        review_id = "rev_" + secrets.token_hex(8)
        with writing(self._engine) as conn:
            conn.execute(
                sa.insert(gateway_reviews).values(
                    review_id=review_id,
                    request_id=request_id,
                    key_id=key_id,
                    role=role,
                    route=route,
                    model=model,
                    reasons=json.dumps(reasons),
                    response=json.dumps(response).encode(),
                    status=PENDING,
                    created_at=now or datetime.now(UTC),
                )
            )
        return review_id

    def get(self, review_id: str) -> tuple[Review, dict[str, Any]] | None:
        """The review and its held response, or None."""
        with reading(self._engine) as conn:
            row = conn.execute(
                sa.select(gateway_reviews).where(gateway_reviews.c.review_id == review_id)
            ).first()
        if row is None:
            return None
        return review_from_row(row), json.loads(row.response)

    def list(self, status: str | None = PENDING, limit: int = 100) -> list[Review]:
        """Reviews with ``status`` (all when None), oldest first."""
        query = sa.select(gateway_reviews).order_by(gateway_reviews.c.created_at).limit(limit)
        if status is not None:
            query = query.where(gateway_reviews.c.status == status)
        with reading(self._engine) as conn:
            return [review_from_row(row) for row in conn.execute(query).all()]

    def decide(
        self,
        ledger: Ledger,
        review_id: str,
        *,
        approve: bool,
        by: str,
        note: str | None = None,
        now: datetime | None = None,
        reviewer_key_id: str | None = None,
    ) -> Review:
        """Approve or reject a pending review (see `decide_recorded`); returns the review."""
        return self.decide_recorded(
            ledger,
            review_id,
            approve=approve,
            by=by,
            note=note,
            now=now,
            reviewer_key_id=reviewer_key_id,
        )[0]

    def decide_recorded(
        self,
        ledger: Ledger,
        review_id: str,
        *,
        approve: bool,
        by: str,
        note: str | None = None,
        now: datetime | None = None,
        reviewer_key_id: str | None = None,
        response: dict[str, Any] | None = None,
    ) -> tuple[Review, EntryRef]:
        """Approve or reject a pending review and record the decision in the ledger.

        ``reviewer_key_id`` is the API key deciding (gateway routes); it may not be the key
        whose request was held: whoever asked cannot also approve (separation of duties).
        ``response`` replaces the held response on approval (a reviewer's edit). Returns the
        review as it was before the decision and the ``gateway.review`` entry.
        """
        now = now or datetime.now(UTC)
        status = APPROVED if approve else REJECTED
        conditions = [gateway_reviews.c.review_id == review_id, gateway_reviews.c.status == PENDING]
        if reviewer_key_id is not None:
            conditions.append(gateway_reviews.c.key_id != reviewer_key_id)
        values: dict[str, Any] = {
            "status": status,
            "decided_at": now,
            "decided_by": by,
            "note": note,
        }
        if response is not None and approve:
            values["response"] = json.dumps(response).encode()
        with writing(self._engine) as conn:
            updated = conn.execute(
                sa.update(gateway_reviews).where(*conditions).values(**values)
            ).rowcount
        found = self.get(review_id)
        if found is None:
            raise ReviewError(
                f"no review {review_id!r}", hint="list them with `sai gateway review list`"
            )
        review = found[0]
        if not updated and review.status == PENDING and review.key_id == reviewer_key_id:
            raise SelfReviewError(
                f"key {reviewer_key_id} made the request held in {review_id}; it cannot decide it",
                hint="a reviewer with another key (or `sai gateway review`) must decide",
            )
        if not updated:
            raise ReviewError(
                f"review {review_id} was already {review.status} by {review.decided_by}",
                hint="a decision is final; the held response is not sent twice",
            )
        entry = ledger.append(
            Evidence.create(
                kind=REVIEW_KIND,
                origin=Origin.control("gateway.review"),
                subject=review.route,
                provisions=REVIEW_PROVISIONS,
                actor=by,
                data=GatewayReview(
                    review_id=review.review_id,
                    request_id=review.request_id,
                    decision=status,
                    key_id=review.key_id,
                    reasons=tuple(review.reasons),
                    note=note or None,
                    reviewer_key_id=reviewer_key_id,
                ).to_data(),
                time=now,
            )
        )
        return review, entry


__all__ = [
    "APPROVED",
    "PENDING",
    "REJECTED",
    "REVIEW_KIND",
    "REVIEW_PROVISIONS",
    "Review",
    "ReviewQueue",
    "ReviewStatus",
]
