"""The pages that change something: deciding a review, explaining a prediction."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from sai.gateway.errors import HttpError
from sai.ledger.kinds import ConsoleExplanation, Kind
from sai.web.decisions import Decision, DecisionError, decide
from sai.web.explain import ExplainError, explain
from sai.web.guard import Call, refuse
from sai.web.record import record_explanation
from sai.web.roles import Can, allowed

MAX_NUMBERS = 200


async def decide_review(call: Call) -> Response:
    """``POST /reviews/{id}/decide``: approve, reject or edit with a reason."""
    console, form = call.console, call.form
    decision = Decision(
        review_id=call.request.path_params["review_id"][:64],
        action=form.get("action", ""),
        reason=form.get("reason", ""),
        content=form.get("content"),
    )
    try:
        await run_in_threadpool(
            lambda: decide(
                console.reviews,
                console.ledger,
                console.settings,
                decision,
                key_id=call.session.key_id,
                actor=call.session.actor,
                now=datetime.now(UTC),
            )
        )
    except DecisionError as error:
        message = error.message + (f" ({error.hint})" if error.hint else "")
        return refuse(console, error.status, message, call.session)
    console.forget_status()
    return RedirectResponse(f"/reviews/{decision.review_id}", status_code=303)


def numbers(text: str, name: str) -> list[float] | None:
    """Comma- or space-separated numbers; None for blank; ExplainError when malformed."""
    parts = text.replace(",", " ").split()
    if not parts:
        return None
    if len(parts) > MAX_NUMBERS:
        raise ExplainError(f"{name}: at most {MAX_NUMBERS} numbers")
    try:
        return [float(part) for part in parts]
    except ValueError:
        raise ExplainError(f"{name}: numbers separated by commas, e.g. 5.1, 3.5, 1.4") from None


async def explain_page(call: Call) -> Response:
    """``GET /explain``: the form, and the latest explanations recorded."""
    recent = await run_in_threadpool(
        lambda: call.console.ledger.query(kind=Kind.CONSOLE_EXPLANATION, limit=10, descending=True)
    )
    shown = [(entry, ConsoleExplanation.from_evidence(entry.evidence)) for entry in recent]
    return call.render(
        "explain.html.j2",
        models=sorted(call.console.predict_models),
        recent=shown,
        result=None,
        form={},
        can_explain=allowed(call.session.role, Can.review),
    )


async def explain_prediction(call: Call) -> Response:
    """``POST /explain``: explain a local model's prediction for one input and record it."""
    console, form = call.console, call.form
    model = form.get("model", "")
    if model not in console.predict_models:
        return refuse(console, 404, f"No local model {model[:60]!r}.", call.session)
    try:
        row = numbers(form.get("inputs", ""), "inputs")
        baseline = numbers(form.get("baseline", ""), "baseline")
        if row is None:
            raise ExplainError("inputs: give one number per feature")
        loaded = await console.predictor.model(model)
        result = await run_in_threadpool(lambda: explain(loaded.model, row, baseline=baseline))
    except ExplainError as error:
        return refuse(console, 400, str(error), call.session)
    except HttpError as error:
        return refuse(console, 503, error.message, call.session)
    entry = await run_in_threadpool(
        lambda: record_explanation(
            console.ledger,
            model,
            loaded.digest,
            result,
            actor=call.session.actor,
            now=datetime.now(UTC),
        )
    )
    console.forget_status()
    return call.render(
        "explain.html.j2",
        models=sorted(console.predict_models),
        recent=[],
        result=result,
        entry=entry.index,
        form=form,
        can_explain=True,
    )


__all__ = ["decide_review", "explain_page", "explain_prediction", "numbers"]
