"""An OpenAI-compatible chat endpoint: a provider, a local server, or sai's own gateway."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, ClassVar

import httpx

from sai.redteam.errors import TargetError
from sai.redteam.model import ToolCall, Turn
from sai.redteam.targets._http import post_json
from sai.redteam.targets.base import ChatTarget, Reply


def messages_for(turns: Sequence[Turn]) -> list[dict[str, Any]]:
    """Chat messages; a ``tool`` turn becomes the assistant's call and the tool's answer."""
    messages: list[dict[str, Any]] = []
    for n, turn in enumerate(turns):
        if turn.role == "tool":
            call = f"call_{n}"
            function = {"name": "fetch_document", "arguments": "{}"}
            messages.append(
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{"id": call, "type": "function", "function": function}],
                }
            )
            messages.append({"role": "tool", "tool_call_id": call, "content": turn.content})
        else:
            messages.append({"role": turn.role, "content": turn.content})
    return messages


def tool_calls(value: Any) -> tuple[ToolCall, ...]:
    """The function calls of a reply's ``tool_calls``; malformed entries are kept by name
    ``?`` so that a call the model made is never lost."""
    if not isinstance(value, list):
        return ()
    calls = []
    for call in value:
        function = call.get("function") if isinstance(call, dict) else None
        if not isinstance(function, dict):
            function = {}
        name = function.get("name")
        arguments = function.get("arguments", "")
        if not isinstance(arguments, str):
            arguments = json.dumps(arguments, sort_keys=True)
        calls.append(ToolCall(name if isinstance(name, str) and name else "?", arguments))
    return tuple(calls)


class OpenAITarget(ChatTarget):
    """POSTs to ``BASE_URL/chat/completions`` with a bearer key when one is given."""

    kind: ClassVar[str] = "openai"

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
        tools: Sequence[dict[str, Any]] = (),
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise TargetError(
                f"openai target {base_url!r} is not an http(s) URL",
                hint="write --target openai:http://host:port/v1",
            )
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.tools = list(tools)
        headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(
            timeout=timeout, headers=headers, transport=transport, limits=httpx.Limits()
        )

    async def send(self, turns: Sequence[Turn]) -> Reply:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages_for(turns),
            "temperature": 0,
        }
        if self.tools:
            body["tools"] = self.tools
        url = f"{self.base_url}/chat/completions"
        answer, requests = await post_json(self._client, url, json_body=body)
        try:
            message = answer["choices"][0]["message"]
        except (KeyError, IndexError, TypeError):
            raise TargetError(
                f"{url} answered JSON without choices[0].message: {json.dumps(answer)[:120]}"
            ) from None
        if not isinstance(message, dict):
            raise TargetError(f"{url} answered a message that is not an object")
        text = str(message.get("content") or "")
        calls = tool_calls(message.get("tool_calls"))
        for call in calls:  # text detectors see the calls too (a leak into arguments)
            text += f"\n[tool-call] {call.name} {call.arguments}"
        return Reply(text, requests, calls)

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "kind": self.kind,
            "endpoint": self.base_url,
            "model": self.model,
        }
        if self.tools:
            described["tools"] = [t["function"]["name"] for t in self.tools]
        return described

    async def aclose(self) -> None:
        await self._client.aclose()


__all__ = ["OpenAITarget", "messages_for", "tool_calls"]
