"""Request and response bodies: field checks, and the texts the guards read and may rewrite.

Bodies stay plain JSON dicts (they are forwarded as they are, unknown fields included); a
`Segments` list points at each string the guards scan, so a redaction can be written back in
place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sai.gateway.errors import HttpError


class Slot(NamedTuple):
    """A string inside a JSON body: ``container[key]`` (a named tuple: made for every string
    of every request, and a tuple is made quicker than a frozen dataclass)."""

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


def bad_field(param: str, message: str) -> HttpError:
    """A 400 naming the request field at fault."""
    return HttpError(400, "invalid_request", message, param=param)


def common_fields(body: dict[str, Any]) -> tuple[str, bool]:
    """The ``model`` (required string) and ``stream`` (optional bool) of a request."""
    model = body.get("model")
    if not isinstance(model, str) or not 0 < len(model) <= 256:
        raise bad_field("model", "`model` must be a non-empty string of at most 256 characters")
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise bad_field("stream", "`stream` must be true or false")
    return model, stream


def cap_max_tokens(body: dict[str, Any], cap: int | None) -> None:
    """Reject a ``max_tokens`` above the cap; set the cap when the client gave none."""
    for name in ("max_tokens", "max_completion_tokens"):
        value = body.get(name)
        if value is None:
            continue
        if type(value) is not int or value < 1:
            raise bad_field(name, f"`{name}` must be a positive integer")
        if cap is not None and value > cap:
            raise bad_field(name, f"`{name}` {value} is above the gateway's cap of {cap}")
    if (
        cap is not None
        and body.get("max_tokens") is None
        and body.get("max_completion_tokens") is None
    ):
        body["max_tokens"] = cap


def usage_tokens(body: dict[str, Any]) -> int | None:
    """``usage.total_tokens`` of an upstream answer, when it is an integer."""
    usage = body.get("usage")
    total = usage.get("total_tokens") if isinstance(usage, dict) else None
    return total if type(total) is int and total >= 0 else None


__all__ = [
    "Slot",
    "bad_field",
    "cap_max_tokens",
    "common_fields",
    "texts",
    "usage_tokens",
    "write_back",
]
