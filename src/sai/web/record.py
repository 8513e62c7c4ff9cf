"""The console's evidence: review decisions, review timeouts and explanations (5.1.4-1..3)."""

from __future__ import annotations

from datetime import datetime

from sai.ledger import EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import (
    Attribution,
    ConsoleExplanation,
    ConsoleReview,
    ConsoleReviewTimeout,
    Kind,
    MonitoringAlert,
)
from sai.monitoring.record import alert_evidence
from sai.web.explain import Explanation

REVIEW_PROVISIONS = ("5.1.4-1", "5.1.4-3")
EXPLANATION_PROVISIONS = ("5.1.4-2",)
#: The ``alert_kind`` of the alert a review timeout raises.
TIMEOUT_ALERT = "review_timeout"
PPM = 1_000_000


def record_review(
    ledger: Ledger, subject: str, payload: ConsoleReview, *, actor: str, now: datetime
) -> EntryRef:
    """Append ``console.review`` for a decision taken in the console."""
    return ledger.append(
        Evidence.create(
            Kind.CONSOLE_REVIEW,
            subject,
            provisions=REVIEW_PROVISIONS,
            actor=actor,
            origin=Origin.control("web.review"),
            data=payload.to_data(),
            time=now,
        )
    )


def record_timeout(
    ledger: Ledger, subject: str, payload: ConsoleReviewTimeout, *, now: datetime
) -> EntryRef:
    """Append ``console.review.timeout`` when the deadline default was applied, and the alert
    it raises (``monitoring.alert``, kind ``review_timeout``: listed, acknowledged and
    resolved with `sai monitor alerts` like any other, and counted on ``/metrics``)."""
    minutes = payload.deadline_seconds // 60
    alert = MonitoringAlert(
        alert_id=f"review-timeout-{payload.review_id}",
        alert_kind=TIMEOUT_ALERT,
        subject=subject,
        severity="high",
        summary=f"held response {payload.review_id} was not reviewed within {minutes} min; "
        f"{payload.outcome} by default",
    )
    timeout = Evidence.create(
        Kind.CONSOLE_REVIEW_TIMEOUT,
        subject,
        provisions=REVIEW_PROVISIONS,
        actor="sai-console",
        origin=Origin.control("web.deadline"),
        data=payload.to_data(),
        time=now,
    )
    refs = ledger.append_many([timeout, *alert_evidence([alert], actor="sai-console", time=now)])
    return refs[0]


def _ppm(value: float) -> int:
    return round(value * PPM)


def record_explanation(
    ledger: Ledger,
    model: str,
    digest: str,
    explanation: Explanation,
    *,
    actor: str,
    now: datetime,
) -> EntryRef:
    """Append ``console.explanation`` for an explanation shown to a person."""
    payload = ConsoleExplanation(
        model=model,
        model_digest=digest,
        method=explanation.method,
        prediction=explanation.prediction,
        score_ppm=_ppm(explanation.score),
        baseline_score_ppm=_ppm(explanation.baseline_score),
        attributions=tuple(
            Attribution(feature=name, value=repr(value), contribution_ppm=_ppm(share))
            for name, value, share in explanation.ranked()
        ),
    )
    return ledger.append(
        Evidence.create(
            Kind.CONSOLE_EXPLANATION,
            model,
            provisions=EXPLANATION_PROVISIONS,
            actor=actor,
            origin=Origin.control("web.explain"),
            data=payload.to_data(),
            time=now,
        )
    )


__all__ = [
    "EXPLANATION_PROVISIONS",
    "REVIEW_PROVISIONS",
    "record_explanation",
    "record_review",
    "record_timeout",
]
