"""Request and response bodies: field checks, and the texts the guards read and may rewrite.

Bodies stay plain JSON dicts (they are forwarded as they are, unknown fields included); a
`Segments` list points at each string the guards scan, so a redaction can be written back in
place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sai.gateway.errors import HttpError

_SYSTEM_ROLES = ("system", "developer")


@dataclass(frozen=True)
class Slot:
    """A string inside a JSON body: ``container[key]``."""

    container: Any
    key: Any

    def get(self) -> str:
        """The string."""
        return str(self.container[self.key])

    def set(self, value: str) -> None:
        """Replace the string."""
        self.container[self.key] = value


def texts(slots: Sequence[Slot]) -> list[str]:
    """The strings the slots point at."""
    return [slot.get() for slot in slots]


def write_back(slots: Sequence[Slot], values: Sequence[str]) -> None:
    """Write redacted strings back into the body."""
    for slot, value in zip(slots, values, strict=True):
        if slot.get() != value:
            slot.set(value)


def _bad(param: str, message: str) -> HttpError:
    return HttpError(400, "invalid_request", message, param=param)


def common_fields(body: dict[str, Any]) -> tuple[str, bool]:
    """The ``model`` (required string) and ``stream`` (optional bool) of a request."""
    model = body.get("model")
    if not isinstance(model, str) or not 0 < len(model) <= 256:
        raise _bad("model", "`model` must be a non-empty string of at most 256 characters")
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise _bad("stream", "`stream` must be true or false")
    return model, stream


def cap_max_tokens(body: dict[str, Any], cap: int | None) -> None:
    """Reject a ``max_tokens`` above the cap; set the cap when the client gave none."""
    for name in ("max_tokens", "max_completion_tokens"):
        value = body.get(name)
        if value is None:
            continue
        if type(value) is not int or value < 1:
            raise _bad(name, f"`{name}` must be a positive integer")
        if cap is not None and value > cap:
            raise _bad(name, f"`{name}` {value} is above the gateway's cap of {cap}")
    if (
        cap is not None
        and body.get("max_tokens") is None
        and body.get("max_completion_tokens") is None
    ):
        body["max_tokens"] = cap


def chat_slots(body: dict[str, Any]) -> tuple[list[Slot], str | None]:
    """Slots of every non-system message text, and the system prompt (for leakage checks)."""
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise _bad("messages", "`messages` must be a non-empty list")
    slots: list[Slot] = []
    system: list[str] = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise _bad(f"messages[{i}]", f"messages[{i}] must be an object with a `role`")
        content = message.get("content")
        found: list[Slot] = []
        if isinstance(content, str):
            found.append(Slot(message, "content"))
        elif isinstance(content, list):
            for j, part in enumerate(content):
                if not isinstance(part, dict):
                    raise _bad(f"messages[{i}].content[{j}]", "content parts must be objects")
                if isinstance(part.get("text"), str):
                    found.append(Slot(part, "text"))
        elif content is not None:
            raise _bad(f"messages[{i}].content", "`content` must be a string or a list of parts")
        if message["role"] in _SYSTEM_ROLES:
            system.extend(slot.get() for slot in found)
        else:
            slots.extend(found)
    return slots, ("\n".join(system) or None)


def list_slots(body: dict[str, Any], field: str, *, tokens_ok: bool) -> list[Slot]:
    """Slots of ``prompt`` / ``input``: a string or a list of strings."""
    value = body.get(field)
    if isinstance(value, str):
        return [Slot(body, field)]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [Slot(value, i) for i in range(len(value))]
    if tokens_ok and isinstance(value, list) and value:
        return []
    raise _bad(
        field,
        f"`{field}` must be a string or a non-empty list of strings"
        + ("" if tokens_ok else " (token ids cannot be read by the guards, so they are refused)"),
    )


def choice_slots(body: dict[str, Any], chat: bool) -> list[Slot]:
    """Slots of the texts in an upstream answer's ``choices``."""
    slots: list[Slot] = []
    choices = body.get("choices")
    if not isinstance(choices, list):
        return slots
    for choice in choices:
        if not isinstance(choice, dict):
            continue
        if chat:
            message = choice.get("message")
            if isinstance(message, dict) and isinstance(message.get("content"), str):
                slots.append(Slot(message, "content"))
        elif isinstance(choice.get("text"), str):
            slots.append(Slot(choice, "text"))
    return slots


def usage_tokens(body: dict[str, Any]) -> int | None:
    """``usage.total_tokens`` of an upstream answer, when it is an integer."""
    usage = body.get("usage")
    total = usage.get("total_tokens") if isinstance(usage, dict) else None
    return total if type(total) is int and total >= 0 else None


__all__ = [
    "Slot",
    "cap_max_tokens",
    "chat_slots",
    "choice_slots",
    "common_fields",
    "list_slots",
    "texts",
    "usage_tokens",
    "write_back",
]
