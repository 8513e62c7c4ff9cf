"""The gateway's own routes: model list, local prediction, review polling/decisions, metrics."""

from __future__ import annotations

import asyncio
import fnmatch
import time
from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway._payload import common_fields
from sai.gateway.audit import digest
from sai.gateway.auth import Principal, authorise_model, authorise_route
from sai.gateway.errors import HttpError, ReviewError, SelfReviewError
from sai.gateway.review import APPROVED, PENDING
from sai.manifest.schema import GatewayRoute


async def handle_models(ex: Exchange, principal: Principal) -> None:
    """``GET /v1/models``: the routed models (or the upstream's list) plus local models."""
    runtime = ex.runtime
    created = int(time.time())
    if runtime.router.routed or runtime.upstream is None:
        listing: dict[str, Any] = runtime.router.listing(principal.role.preview, created)
    else:
        began = time.perf_counter()
        try:
            listing = (await runtime.upstream.get("models")).body
        finally:
            ex.upstream_seconds += time.perf_counter() - began
        if not isinstance(listing.get("data"), list):
            listing = {"object": "list", "data": []}
    found = [
        *listing["data"],
        *(
            {"id": name, "object": "model", "created": created, "owned_by": "local"}
            for name in runtime.predictor.names
        ),
    ]
    patterns = principal.role.models
    listing["data"] = [  # only the models this key's role may use
        item
        for item in found
        if isinstance(item, dict)
        and any(fnmatch.fnmatchcase(str(item.get("id")), pattern) for pattern in patterns)
    ]
    await ex.respond_json(200, listing)


async def handle_predict(ex: Exchange, principal: Principal, payload: dict[str, Any]) -> None:
    """``POST /v1/predict``: run a scanned local scikit-learn model."""
    model, _ = common_fields(payload)
    ex.record.model = model
    authorise_model(principal, model, None)
    ex.record.prompt_digest = digest(repr(payload.get("inputs")))
    ex.record.guard_input = "not_applicable"
    ex.record.guard_output = "not_applicable"
    ex.record.guard_policy = ex.runtime.guards.plan("predict", principal.role.name).audit()
    answer = await ex.runtime.predictor.predict(model, payload, principal.key.key_id)
    ex.record.response_digest = digest(repr(answer.get("predictions")))
    await ex.respond_json(200, answer)


async def handle_review_poll(ex: Exchange, principal: Principal, review_id: str) -> None:
    """``GET /v1/sai/reviews/{id}``: pending (202), the held answer (200) or rejected (403)."""
    found = await asyncio.to_thread(ex.runtime.reviews.get, review_id)
    own = found is not None and found[0].key_id == principal.key.key_id
    if found is None or not (own or GatewayRoute.review in principal.role.routes):
        raise HttpError(404, "review_not_found", f"no review {review_id!r} for this key")
    review, response = found
    ex.record.review_id = review.review_id
    if review.status == PENDING:
        await ex.respond_json(
            202,
            {
                "object": "sai.review",
                "id": review_id,
                "status": PENDING,
                "reasons": list(review.reasons),
            },
        )
    elif review.status == APPROVED:
        ex.record.response_digest = digest(repr(response))
        await ex.respond_json(200, response)
    else:
        raise HttpError(
            403,
            "review_rejected",
            f"a reviewer rejected this response: {review.note or 'no note'}",
            error_type="permission_error",
        )


async def handle_review_decision(
    ex: Exchange, principal: Principal, review_id: str, approve: bool, payload: dict[str, Any]
) -> None:
    """``POST /v1/sai/reviews/{id}/approve|reject`` for keys whose role has the review route."""
    authorise_route(principal, GatewayRoute.review)
    note = payload.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > 2000):
        raise HttpError(400, "invalid_request", "`note` must be a string", param="note")
    ex.record.review_id = review_id
    try:
        review = await asyncio.to_thread(
            ex.runtime.reviews.decide,
            ex.runtime.ledger,
            review_id,
            approve=approve,
            by=f"key:{principal.key.key_id}",
            note=note,
            reviewer_key_id=principal.key.key_id,
        )
    except SelfReviewError as error:
        raise HttpError(403, "own_review", error.message, error_type="permission_error") from None
    except ReviewError as error:
        raise HttpError(
            409 if "already" in error.message else 404, "review_conflict", error.message
        ) from None
    await ex.respond_json(
        200,
        {"object": "sai.review", **review.as_json(), "status": APPROVED if approve else "rejected"},
    )


async def handle_metrics(ex: Exchange) -> None:
    """``GET /metrics`` in the Prometheus text format."""
    await ex.respond(
        200, ex.runtime.metrics.render(), content_type=ex.runtime.metrics.content_type.encode()
    )


__all__ = [
    "handle_metrics",
    "handle_models",
    "handle_predict",
    "handle_review_decision",
    "handle_review_poll",
]
