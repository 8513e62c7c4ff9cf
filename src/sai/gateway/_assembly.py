"""Streamed answers merged back into whole ones, field by field, as a client library would.

A chat stream spreads each string of an answer over many events: content, content parts,
each tool call's arguments (deltas carry the tool call's ``index``), reasoning text. The guards
and the canary check must read each string whole, so `Assembly` merges the deltas of every
choice (string fields appended, lists matched by ``index``) and remembers which event carried
which stretch of each field, so a stream can hold back the events of a suspicious tail.
"""

from __future__ import annotations

import time
from typing import Any

from sai.gateway._fields import MEDIA, STRUCTURAL
from sai.gateway.canary import find, suspect_tail

Path = tuple[str, ...]


class Assembly:
    """The events of one stream, and each choice merged from them."""

    def __init__(self, chat: bool) -> None:
        self.chat = chat
        self.events: list[dict[str, Any]] = []
        self.choices: dict[str, dict[str, Any]] = {}
        self.usage: int | None = None
        self.size = 0
        self._fields: dict[Path, str] = {}
        self._ends: dict[Path, list[tuple[int, int]]] = {}

    def add(self, event: dict[str, Any]) -> None:
        """Merge one event."""
        number = len(self.events)
        self.events.append(event)
        usage = event.get("usage")
        if isinstance(usage, dict) and type(usage.get("total_tokens")) is int:
            self.usage = usage["total_tokens"]
        for choice in event.get("choices") or ():
            if isinstance(choice, dict):
                index = str(choice.get("index", 0))
                merged = self.choices.setdefault(index, {})
                self._merge(merged, choice, (index,), number)

    def _merge(self, acc: dict[str, Any], delta: dict[str, Any], path: Path, number: int) -> None:
        for key, value in delta.items():
            where = (*path, str(key))
            if isinstance(value, str):
                if key in STRUCTURAL or key in MEDIA:
                    acc[key] = value
                    continue
                acc[key] = acc[key] + value if isinstance(acc.get(key), str) else value
                if value:
                    self._piece(where, value, number)
            elif isinstance(value, dict):
                if not isinstance(acc.get(key), dict):
                    acc[key] = {}
                self._merge(acc[key], value, where, number)
            elif isinstance(value, list):
                if not isinstance(acc.get(key), list):
                    acc[key] = []
                self._merge_list(acc[key], value, where, number)
            elif value is not None or key not in acc:
                acc[key] = value

    def _merge_list(self, acc: list[Any], items: list[Any], path: Path, number: int) -> None:
        for item in items:
            if not isinstance(item, dict):
                acc.append(item)
                if isinstance(item, str) and item:
                    self._piece((*path, str(len(acc) - 1)), item, number)
                continue
            if "index" in item:
                index = item["index"]
                target = next(
                    (e for e in acc if isinstance(e, dict) and e.get("index") == index), None
                )
                if target is None:
                    target = {}
                    acc.append(target)
            else:
                index, target = len(acc), {}
                acc.append(target)
            self._merge(target, item, (*path, str(index)), number)

    def _piece(self, path: Path, value: str, number: int) -> None:
        text = self._fields.get(path, "") + value
        self._fields[path] = text
        self._ends.setdefault(path, []).append((number, len(text)))
        self.size += len(value)

    def texts(self) -> list[str]:
        """Every string field of every choice, whole."""
        return list(self._fields.values())

    def leaks(self, canary: str) -> bool:
        """Whether any field, read whole, carries the canary."""
        return any(find(text, canary) for text in self._fields.values())

    def hold_from(self, canary: str) -> int:
        """The first event that must wait: it carries a tail of some field that could be the
        start of the canary (the number of events when none must)."""
        first = len(self.events)
        for path, text in self._fields.items():
            start = suspect_tail(text, canary)
            if start is None:
                continue
            for number, end in self._ends[path]:
                if end > start:
                    first = min(first, number)
                    break
        return first

    def completion(self, model: str) -> dict[str, Any]:
        """The stream as one non-streamed answer."""
        first = self.events[0] if self.events else {}
        choices = []
        for merged in self.choices.values():
            choice = {k: v for k, v in merged.items() if k != "delta"}
            if self.chat:
                choice["message"] = merged.get("delta", {"role": "assistant"})
            choices.append(choice)
        return {
            "id": first.get("id", "held"),
            "object": "chat.completion" if self.chat else "text_completion",
            "created": first.get("created", int(time.time())),
            "model": model,
            "choices": choices,
        }

    def as_events(self, completion: dict[str, Any]) -> list[dict[str, Any]]:
        """A (rewritten) completion as stream events: one per choice, then the ends."""
        base = {
            "id": completion["id"],
            "created": completion["created"],
            "model": completion["model"],
            "object": "chat.completion.chunk" if self.chat else "text_completion",
        }
        body, end = [], []
        for choice in completion["choices"]:
            part = {k: v for k, v in choice.items() if k not in ("message", "finish_reason")}
            if self.chat:
                part["delta"] = choice.get("message", {})
            body.append({**part, "finish_reason": None})
            tail = {"index": choice.get("index", 0), "finish_reason": choice.get("finish_reason")}
            end.append({**tail, "delta": {}} if self.chat else {**tail, "text": ""})
        return [{**base, "choices": body}, {**base, "choices": end}]


__all__ = ["Assembly"]
