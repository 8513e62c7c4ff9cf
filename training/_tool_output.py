"""Documents shaped like tool results (search results as JSON, application logs), for training
only: an agent's tool messages are data, and an instruction planted in a JSON string or a log
line must read as one. Text fields are sentences of the partition's banks."""

from __future__ import annotations

import json
import random

_LEVELS = ("INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR")
_SERVICES = ("api-gateway", "worker-3", "billing", "scheduler", "auth", "search-indexer")
_EVENTS = (
    "processed job {n} in {ms} ms",
    "GET /v1/orders/{n} 200 {ms}ms",
    "cache miss for key user:{n}",
    "retrying upload (attempt {k} of 5)",
    "connection pool size {k}, waiting {ms} ms",
    "user {n} signed in from 10.0.{k}.{n2}",
    "scheduled report {n} for 06:00 UTC",
    "disk usage at {k}0%",
)
_TLDS = ("com", "org", "net")
_FIELDS = ("note", "comment", "description", "summary", "message")


def _stamp(rng: random.Random) -> str:
    return (
        f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
        f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
    )


def tool_output(rng: random.Random, sentences: list[str]) -> str:
    """Search results as indented JSON, or log lines (some quoting a sentence)."""
    if rng.random() < 0.5:
        results = [
            {
                "title": sentence.split(",")[0][:60].rstrip("."),
                "url": f"https://www.example.{rng.choice(_TLDS)}/{rng.randint(10, 999)}",
                "snippet": sentence,
                "score": round(rng.random(), 3),
            }
            for sentence in sentences
        ]
        body = {"query": sentences[0].split(" ")[0].lower(), "results": results}
        return json.dumps(body, indent=2, ensure_ascii=False)
    lines = []
    for sentence in sentences:
        for _ in range(rng.randint(1, 3)):
            event = rng.choice(_EVENTS).format(
                n=rng.randint(100, 99999), ms=rng.randint(1, 900), k=rng.randint(1, 9),
                n2=rng.randint(1, 254),
            )  # fmt: skip
            lines.append(f"{_stamp(rng)} {rng.choice(_LEVELS)} {rng.choice(_SERVICES)} {event}")
        lines.append(f'{_stamp(rng)} INFO feedback-service received text="{sentence}"')
    return "\n".join(lines)


def wrap(rng: random.Random, document: str, instruction: str) -> str:
    """``instruction`` as a JSON field of a result, or as a log line's message."""
    if document.startswith("{"):
        value = json.dumps(instruction, ensure_ascii=False)
        return f'      "{rng.choice(_FIELDS)}": {value},'
    service = rng.choice(_SERVICES)
    return f"{_stamp(rng)} {rng.choice(_LEVELS)} {service} {instruction}"


__all__ = ["tool_output", "wrap"]
