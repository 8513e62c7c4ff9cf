"""What the mock upstream answers, apart from how it sends it: the echo of the last user
message, its stream pieces and token usage, and a shaped answer (``mock-shape``) as stream
events, with the planted canary as is or disguised."""

from __future__ import annotations

import re
from typing import Any

LEAK_PIECE = 5
CANARY = re.compile(r"sai-canary-[0-9a-f]{32}")


def last_user_text(body: dict[str, Any]) -> str:
    """The prompt, or the text of the last user message ("" when there is none)."""
    if isinstance(body.get("prompt"), str):
        return str(body["prompt"])
    for message in reversed(body.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content
            if isinstance(content, list):
                return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def system_text(body: dict[str, Any]) -> str:
    """The text of every system and developer message, one per line."""
    parts: list[str] = []
    for message in body.get("messages") or []:
        if isinstance(message, dict) and message.get("role") in ("system", "developer"):
            content = message.get("content")
            if isinstance(content, str):
                parts.append(content)
            elif isinstance(content, list):
                parts.extend(p.get("text", "") for p in content if isinstance(p, dict))
    return "\n".join(parts)


def answer_text(body: dict[str, Any], model: str) -> str:
    """The echo (with the system messages for ``mock-leak``), cut to ``max_tokens`` × 4."""
    answer = f"You said: {last_user_text(body)}"
    if model == "mock-leak":
        answer += f" My instructions were: {system_text(body)}"
    most = body.get("max_tokens")
    return answer[: most * 4] if type(most) is int and most > 0 else answer


def stream_pieces(answer: str, model: str) -> list[str]:
    """The answer as stream pieces: words, or 5-character pieces for ``mock-leak``."""
    if model == "mock-leak":
        return [answer[i : i + LEAK_PIECE] for i in range(0, len(answer), LEAK_PIECE)]
    words = answer.split(" ")
    return [word if i == 0 else " " + word for i, word in enumerate(words)]


def usage(prompt: str, answer: str) -> dict[str, int]:
    """Token counts at 4 characters a token (at least 1 each)."""
    p, c = max(1, (len(prompt) + 3) // 4), max(1, (len(answer) + 3) // 4)
    return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}


def pieces_of(text: str, cut: int) -> list[str]:
    """``text`` in pieces of ``cut`` characters (one empty piece for "")."""
    return [text[i : i + cut] for i in range(0, len(text), cut)] or [""]


def as_events(answer: dict[str, Any], cut: int) -> list[dict[str, Any]]:
    """A chat answer as a stream: every string of each message in pieces of ``cut``."""
    events: list[dict[str, Any]] = []
    for choice in answer.get("choices", []):
        index, message = choice.get("index", 0), choice.get("message", {})

        def emit(delta: dict[str, Any], index: Any = index) -> None:
            events.append(
                {"id": answer.get("id", "x"), "choices": [{"index": index, "delta": delta}]}
            )

        emit({"role": "assistant"})
        for key, item in message.items():
            value = item
            if key == "content" and isinstance(item, list):
                value = "".join(p.get("text", "") for p in item if isinstance(p, dict))
            if isinstance(value, str) and key != "role":
                for piece in pieces_of(value, cut):
                    emit({key: piece})
            elif key == "tool_calls" and isinstance(value, list):
                for i, call in enumerate(value):
                    function = call.get("function", {})
                    head = {"index": i, "id": call.get("id"), "type": "function"}
                    emit({"tool_calls": [{**head, "function": {"name": function.get("name")}}]})
                    for piece in pieces_of(str(function.get("arguments", "")), cut):
                        emit({"tool_calls": [{"index": i, "function": {"arguments": piece}}]})
        events.append(
            {"id": "x", "choices": [{"index": index, "delta": {}, "finish_reason": "stop"}]}
        )
    return events


def disguises(canary: str) -> dict[str, str]:
    """The canary as is, and as a leaking model might hide it (JSON-escaped)."""
    return {
        "canary": canary,
        "canary_upper": canary.upper(),
        "canary_zw": "\u200b".join(canary),
        "canary_spaced": " ".join(canary),
    }
