"""The read-only pages: overview, provision, ledger browser and entry, review queue, review."""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from sai.catalog import UnknownProvisionError
from sai.gateway.review import PENDING
from sai.ledger import NoSuchEntryError, canonical_json
from sai.ledger.kinds import Kind
from sai.web.alerts import open_alerts
from sai.web.browse import INDEX, FilterError, check_inclusion, page, parse_filters
from sai.web.decisions import editable_text
from sai.web.guard import Call, refuse
from sai.web.highlight import find_spans, pieces
from sai.web.roles import Can, allowed


async def overview(call: Call) -> Response:
    """``GET /``: verdict per principle, totals, trend, what to act on, overdue items."""
    console = call.console
    status = await run_in_threadpool(console.status)
    pending = await run_in_threadpool(console.reviews.list, PENDING, 1000)
    deadline = console.settings.review_deadline
    overdue = [r for r in pending if status.computed_at - r.created_at > deadline]
    alerts = await run_in_threadpool(open_alerts, console.ledger, status.computed_at)
    return call.render(
        "overview.html.j2",
        status=status,
        body=status.body,
        totals=status.totals(),
        actions=status.actions(),
        pending=pending,
        overdue=overdue,
        deadline=deadline,
        alerts=alerts,
    )


async def provision(call: Call) -> Response:
    """``GET /provisions/{id}``: verdict, reason, cited entries with a live proof check."""
    console, wanted = call.console, call.request.path_params["provision"]
    try:
        found = console.catalog.get(wanted)
    except UnknownProvisionError:
        return refuse(console, 404, f"No provision {wanted[:40]!r}.", call.session)
    status = await run_in_threadpool(console.status)
    result = status.result(found.id)
    row = next(r for r in status.ics.rows if r.provision.id == found.id)

    def cited() -> list[tuple[Any, Any]]:
        out = []
        for index in result.evidence if result else ():
            try:
                entry = console.ledger.get(index)
            except NoSuchEntryError:
                continue
            out.append((entry, check_inclusion(console.ledger, entry)))
        return out

    return call.render(
        "provision.html.j2",
        provision=found,
        row=row,
        result=result,
        cited=await run_in_threadpool(cited),
    )


async def ledger(call: Call) -> Response:
    """``GET /ledger``: filtered entries, newest first, one keyset page at a time."""
    params = dict(call.request.query_params)
    try:
        filters = parse_filters(params)
    except FilterError as error:
        return refuse(call.console, 400, str(error), call.session)
    shown = await run_in_threadpool(page, call.console.ledger, filters)
    return call.render(
        "ledger.html.j2",
        filters=filters,
        page=shown,
        kinds=sorted(k.value for k in Kind),
        next_query=filters.query_string(shown.next_before)
        if shown.next_before is not None
        else None,
    )


def pretty(value: Any) -> str:
    """Evidence data as indented JSON."""
    return json.dumps(json.loads(canonical_json(value)), indent=2, ensure_ascii=False)


async def entry(call: Call) -> Response:
    """``GET /ledger/{index}``: one entry, its data and its inclusion proof, checked now."""
    console, raw = call.console, call.request.path_params["index"]
    if not INDEX.fullmatch(raw):
        return refuse(console, 404, "No such entry.", call.session)

    def load() -> tuple[Any, Any] | None:
        try:
            found = console.ledger.get(int(raw))
        except NoSuchEntryError:
            return None
        return found, check_inclusion(console.ledger, found)

    loaded = await run_in_threadpool(load)
    if loaded is None:
        return refuse(console, 404, f"No entry {raw}.", call.session)
    found, proof = loaded
    return call.render("entry.html.j2", entry=found, proof=proof, data=pretty(found.evidence.data))


async def reviews(call: Call) -> Response:
    """``GET /reviews``: pending held responses (oldest first) and recent decisions."""
    console = call.console
    pending = await run_in_threadpool(console.reviews.list, PENDING, 200)
    decided = await run_in_threadpool(console.reviews.list, None, 1000)
    recent = sorted(
        (r for r in decided if r.status != PENDING),
        key=lambda r: r.decided_at or r.created_at,
        reverse=True,
    )[:20]
    return call.render(
        "reviews.html.j2", pending=pending, recent=recent, deadline=console.settings.review_deadline
    )


async def review(call: Call) -> Response:
    """``GET /reviews/{id}``: the held response, its guard reasons, and the decision form."""
    console, review_id = call.console, call.request.path_params["review_id"]
    found = await run_in_threadpool(console.reviews.get, review_id[:64])
    if found is None:
        return refuse(console, 404, "No such review.", call.session)
    held, response = found
    own = held.key_id == call.session.key_id
    text = editable_text(response)
    marked = None
    if text is not None:
        spans = await run_in_threadpool(find_spans, text, held.reasons, console.guards)
        marked = pieces(text, spans)
    return call.render(
        "review.html.j2",
        review=held,
        response=pretty(response),
        text=text,
        marked=marked,
        can_decide=allowed(call.session.role, Can.review) and held.status == PENDING,
        own=own and console.settings.four_eyes,
    )


__all__ = ["entry", "ledger", "overview", "provision", "review", "reviews"]
