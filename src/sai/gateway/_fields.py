"""Which strings of a request the model reads, and which strings of an answer the client reads.

The guards must see every one of them, not only ``content``: a message's ``name``, content
parts, tool definitions, an assistant's tool-call arguments, function results, reasoning text.
Both directions walk the JSON and take every string leaf except a short list of structural
fields (roles, ids, types, media payloads) that no model reads as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sai.gateway._payload import Slot, bad_field
from sai.guards.base import assembled

SYSTEM_ROLES = frozenset({"system", "developer"})
#: Roles whose messages are data by default: tool and (legacy) function results.
DATA_ROLES = frozenset({"tool", "function"})
#: Keys whose string values are structure, not text a model reads as instructions.
STRUCTURAL = frozenset(
    {"role", "type", "id", "index", "tool_call_id", "object", "finish_reason", "detail", "format"}
)
#: Keys holding media (URLs, base64): forwarded as they are, not text for the text guards.
MEDIA = frozenset({"image_url", "input_audio", "file", "audio"})
#: Keys whose values the slot walk passes over (structure and media).
_PASSED_OVER = STRUCTURAL | MEDIA
#: Request fields besides ``messages`` whose strings reach the model.
_CHAT_EXTRAS = ("tools", "functions", "response_format")
#: ``isinstance`` with a tuple: quicker than with a union (``dict | list``) in Python 3.11.
_CONTAINERS = (dict, list)
_CONTENT = (str, list)
_PARTS = (dict, str)


def string_slots(value: Any, out: list[Slot]) -> list[Slot]:
    """Append a slot for every string leaf of ``value`` (structural and media keys skipped)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _PASSED_OVER:
                continue
            if isinstance(item, str):
                if item:
                    out.append(Slot(value, key))
            elif isinstance(item, _CONTAINERS):
                string_slots(item, out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                if item:
                    out.append(Slot(value, index))
            elif isinstance(item, _CONTAINERS):
                string_slots(item, out)
    return out


@dataclass(frozen=True)
class ChatInput:
    """The strings of a chat request: the client's own ones and those of system messages.

    ``data[i]`` says whether ``slots[i]`` belongs to a message of a data role (a tool result):
    the model reads it as data, and the injection guard scores it with its document detector.
    ``groups[i]`` (``system_groups[i]``) numbers the unit the slot belongs to: its message,
    or its tool definition (each item of ``tools`` or ``functions``), or ``response_format``.
    """

    slots: list[Slot]
    system_slots: list[Slot]
    data: list[bool]
    groups: list[int]
    system_groups: list[int]

    @property
    def system(self) -> str | None:
        """The client's system prompt (for the leakage scanner), None when it sent none."""
        return "\n".join(slot.get() for slot in self.system_slots) or None


def chat_input(body: dict[str, Any], data_roles: frozenset[str] = DATA_ROLES) -> ChatInput:
    """Every string of ``messages`` (and tools) the model reads; system messages apart; the
    strings of ``data_roles`` messages marked as data."""
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_field("messages", "`messages` must be a non-empty list")
    slots: list[Slot] = []
    system: list[Slot] = []
    data: list[bool] = []
    groups: list[int] = []
    system_groups: list[int] = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise bad_field(f"messages[{i}]", f"messages[{i}] must be an object with a `role`")
        content = message.get("content")
        if content is not None and not isinstance(content, _CONTENT):
            raise bad_field(
                f"messages[{i}].content", "`content` must be a string or a list of parts"
            )
        if isinstance(content, list) and not all(isinstance(p, _PARTS) for p in content):
            raise bad_field(f"messages[{i}].content", "content parts must be objects")
        before, before_system = len(slots), len(system)
        string_slots(message, system if message["role"] in SYSTEM_ROLES else slots)
        data.extend([message["role"] in data_roles] * (len(slots) - before))
        groups.extend([i] * (len(slots) - before))
        system_groups.extend([i] * (len(system) - before_system))
    group = len(messages)
    for name in _CHAT_EXTRAS:
        value = body.get(name)
        # each tool definition is a unit of its own; any other value is one unit
        parts = [Slot(value, j) for j in range(len(value))] if isinstance(value, list) else []
        for part in parts or ([Slot(body, name)] if name in body else []):
            before, item = len(slots), part.container[part.key]
            if isinstance(item, str):
                slots.extend([part] if item else [])
            else:
                string_slots(item, slots)
            groups.extend([group] * (len(slots) - before))
            group += 1
    data.extend([False] * (len(slots) - len(data)))
    return assembled(
        ChatInput,
        slots=slots,
        system_slots=system,
        data=data,
        groups=groups,
        system_groups=system_groups,
    )


def list_slots(body: dict[str, Any], field: str, *, tokens_ok: bool) -> list[Slot]:
    """Slots of ``prompt`` / ``input``: a string or a list of strings."""
    value = body.get(field)
    if isinstance(value, str):
        return [Slot(body, field)]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [Slot(value, i) for i in range(len(value))]
    if tokens_ok and isinstance(value, list) and value:
        return []
    raise bad_field(
        field,
        f"`{field}` must be a string or a non-empty list of strings"
        + ("" if tokens_ok else " (token ids cannot be read by the guards, so they are refused)"),
    )


def completion_input(body: dict[str, Any]) -> list[Slot]:
    """The strings of a completions request: ``prompt`` and ``suffix``."""
    slots = list_slots(body, "prompt", tokens_ok=False)
    if isinstance(body.get("suffix"), str) and body["suffix"]:
        slots.append(Slot(body, "suffix"))
    return slots


def answer_slots(body: dict[str, Any]) -> list[Slot]:
    """Every string the client reads in an answer's ``choices`` (content, parts, tool-call
    arguments, reasoning text, refusals)."""
    choices = body.get("choices")
    return string_slots(choices, []) if isinstance(choices, list) else []


#: A function name as OpenAI-compatible APIs accept it; anything else is recorded as malformed.
_FUNCTION_NAME = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
MALFORMED_NAME = "(malformed)"
_MAX_NAMES = 32


def tool_names(choices: Any) -> tuple[str, ...]:
    """The names of the functions an answer's choices call (``tool_calls`` and the older
    ``function_call``), first use first, each once. Only names: arguments may hold personal
    data. Choices are whole answers (``message``) or merged streams (``delta``), in a list or
    any other iterable; anything else holds no call."""
    found: dict[str, None] = {}
    if type(choices) is not list and (  # a list (nearly always) is iterable: no ABC check
        not isinstance(choices, Iterable) or isinstance(choices, str | bytes | dict)
    ):
        return ()
    for choice in choices:
        if not isinstance(choice, dict):
            continue
        for key in ("message", "delta"):
            message = choice.get(key)
            if not isinstance(message, dict):
                continue
            calls = message.get("tool_calls")
            functions = (
                [c.get("function") for c in calls if isinstance(c, dict)]
                if isinstance(calls, list)
                else []
            )
            functions.append(message.get("function_call"))
            for function in functions:
                if isinstance(function, dict) and "name" in function:
                    name = function["name"]
                    ok = isinstance(name, str) and _FUNCTION_NAME.fullmatch(name)
                    found[name if ok else MALFORMED_NAME] = None
    return tuple(found)[:_MAX_NAMES]


__all__ = [
    "DATA_ROLES",
    "MALFORMED_NAME",
    "MEDIA",
    "STRUCTURAL",
    "SYSTEM_ROLES",
    "ChatInput",
    "answer_slots",
    "chat_input",
    "completion_input",
    "list_slots",
    "string_slots",
    "tool_names",
]
