"""Shared HTTP behaviour of the network targets: one client, 429 back-off, clear errors."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any

import httpx

from sai.redteam.errors import Refused, TargetError

#: Retries on HTTP 429 before the attempt is given up.
MAX_RETRIES = 5
#: First back-off in seconds when the server sends no Retry-After; doubles each time.
BACKOFF = 0.25
#: Longest single wait, whatever Retry-After says.
MAX_WAIT = 10.0


def _retry_after(response: httpx.Response, attempt: int) -> float:
    header = response.headers.get("retry-after", "")
    try:
        return min(MAX_WAIT, max(0.0, float(header)))
    except ValueError:
        return float(min(MAX_WAIT, BACKOFF * 2**attempt))


async def post_json(
    client: httpx.AsyncClient,
    url: str,
    *,
    json_body: Any = None,
    content: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    method: str = "POST",
) -> tuple[Any, int]:
    """Send one request (retrying 429 with back-off); the JSON answer and the request count.

    Raises `TargetError` on timeouts, connection failures, other non-2xx statuses and
    answers that are not JSON, each with a message naming what came back.
    """
    requests = 0
    for attempt in range(MAX_RETRIES + 1):
        requests += 1
        try:
            response = await client.request(
                method, url, json=json_body, content=content, headers=dict(headers or {})
            )
        except httpx.TimeoutException:
            raise TargetError(f"{url} did not answer in time") from None
        except httpx.HTTPError as error:
            raise TargetError(f"cannot reach {url}: {error.__class__.__name__} {error}") from None
        if response.status_code == 429 and attempt < MAX_RETRIES:
            await asyncio.sleep(_retry_after(response, attempt))
            continue
        if response.status_code == 429:
            raise TargetError(f"{url} kept answering 429 after {MAX_RETRIES} retries")
        if response.status_code == 202:
            raise Refused(f"{url} held the answer for review (HTTP 202)")
        if response.status_code in (400, 403) and _filtered(response):
            raise Refused(f"{url} blocked the exchange: {_snippet(response)}")
        if not 200 <= response.status_code < 300:
            raise TargetError(f"{url} answered HTTP {response.status_code}: {_snippet(response)}")
        try:
            return response.json(), requests
        except (json.JSONDecodeError, UnicodeDecodeError):
            kind = response.headers.get("content-type", "unknown type")
            raise TargetError(
                f"{url} answered {kind}, not JSON: {_snippet(response)}",
                hint="point the target at the API route that returns JSON",
            ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _filtered(response: httpx.Response) -> bool:
    """Whether an error answer is a content filter's (OpenAI's and sai's gateway's shape)."""
    try:
        error = response.json().get("error", {})
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        return False
    return isinstance(error, dict) and error.get("type") == "content_filter"


def _snippet(response: httpx.Response) -> str:
    text = response.text.strip().replace("\n", " ")
    return text[:120] + ("…" if len(text) > 120 else "")


__all__ = ["MAX_RETRIES", "post_json"]
