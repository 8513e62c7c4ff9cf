"""Deciding held responses from the console: approve, reject or edit, with a reason.

The decision goes through the gateway's own review queue, so the waiting client's next poll
gets it (the edited or original response, or a rejection), and the gateway records its
``gateway.review`` entry; the console adds ``console.review`` with what only it knows: the
reason, the wait against the deadline, and whether four-eyes applied. Reviews left past their
deadline get the configured default (`sweep_overdue`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sai.errors import InputError
from sai.gateway.errors import ReviewError, SelfReviewError
from sai.gateway.review import PENDING, Review, ReviewQueue
from sai.ledger import Ledger
from sai.ledger.kinds import ConsoleReview, ConsoleReviewTimeout
from sai.web.record import record_review, record_timeout
from sai.web.settings import ConsoleSettings

ACTIONS = ("approve", "reject", "edit")
MAX_REASON = 2000
MAX_CONTENT = 32_000


class DecisionError(InputError):
    """A decision the console refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


def editable_text(response: dict[str, Any]) -> str | None:
    """The text a reviewer may edit: the first choice's message content or completion text."""
    choices = response.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return None
    first = choices[0]
    message = first.get("message")
    if isinstance(message, dict) and isinstance(message.get("content"), str):
        return str(message["content"])
    text = first.get("text")
    return text if isinstance(text, str) else None


def with_text(response: dict[str, Any], text: str) -> dict[str, Any]:
    """A copy of ``response`` whose editable text is ``text``."""
    edited = copy.deepcopy(response)
    first = edited["choices"][0]
    if isinstance(first.get("message"), dict) and "content" in first["message"]:
        first["message"]["content"] = text
    else:
        first["text"] = text
    return edited


@dataclass(frozen=True)
class Decision:
    """What a reviewer asked for."""

    review_id: str
    action: str
    reason: str
    content: str | None = None


def decide(
    queue: ReviewQueue,
    ledger: Ledger,
    settings: ConsoleSettings,
    decision: Decision,
    *,
    key_id: str,
    actor: str,
    now: datetime,
) -> Review:
    """Apply ``decision`` by ``key_id``; records both entries; DecisionError when refused."""
    if decision.action not in ACTIONS:
        raise DecisionError("the action must be approve, reject or edit")
    reason = decision.reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise DecisionError(f"give a reason of 1 to {MAX_REASON} characters")
    found = queue.get(decision.review_id)
    if found is None:
        raise DecisionError(f"no review {decision.review_id!r}", status=404)
    held, response = found
    edited = None
    if decision.action == "edit":
        if editable_text(response) is None or decision.content is None:
            raise DecisionError("this held response has no text to edit")
        if len(decision.content) > MAX_CONTENT:
            raise DecisionError(f"the edited text is longer than {MAX_CONTENT} characters")
        edited = with_text(response, decision.content)
    try:
        review, gateway_entry = queue.decide_recorded(
            ledger,
            decision.review_id,
            approve=decision.action != "reject",
            by=actor,
            note=f"{decision.action}: {reason}",
            now=now,
            reviewer_key_id=key_id if settings.four_eyes else None,
            response=edited,
        )
    except SelfReviewError as error:
        raise DecisionError(error.message, status=403, hint=error.hint) from None
    except ReviewError as error:
        raise DecisionError(error.message, status=409, hint=error.hint) from None
    elapsed = now - held.created_at
    waited = max(0, int(elapsed.total_seconds()))
    deadline = int(settings.review_deadline.total_seconds())
    record_review(
        ledger,
        review.route,
        ConsoleReview(
            review_id=review.review_id,
            decision=decision.action,
            reason=reason,
            reviewer_key_id=key_id,
            requester_key_id=review.key_id,
            waited_seconds=waited,
            deadline_seconds=deadline,
            within_deadline=elapsed <= settings.review_deadline,
            four_eyes=settings.four_eyes,
            gateway_entry=gateway_entry.index,
        ),
        actor=actor,
        now=now,
    )
    return review


def sweep_overdue(
    queue: ReviewQueue, ledger: Ledger, settings: ConsoleSettings, *, now: datetime
) -> list[str]:
    """Apply the timeout default to every pending review past its deadline; their ids."""
    done = []
    release = settings.on_timeout == "release"
    for review in queue.list(PENDING, limit=1000):
        waited = now - review.created_at
        if waited <= settings.review_deadline:
            continue
        try:
            queue.decide(
                ledger,
                review.review_id,
                approve=release,
                by="sai-console",
                note=f"timeout: not reviewed within {settings.review_deadline}",
                now=now,
            )
        except ReviewError:
            continue  # decided in the meantime
        record_timeout(
            ledger,
            review.route,
            ConsoleReviewTimeout(
                review_id=review.review_id,
                requester_key_id=review.key_id,
                waited_seconds=int(waited.total_seconds()),
                deadline_seconds=int(settings.review_deadline.total_seconds()),
                outcome="released" if release else "blocked",
            ),
            now=now,
        )
        done.append(review.review_id)
    return done


__all__ = [
    "ACTIONS",
    "Decision",
    "DecisionError",
    "decide",
    "editable_text",
    "sweep_overdue",
    "with_text",
]
