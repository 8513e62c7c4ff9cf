"""A generic HTTP endpoint described by a request template (the idea of garak's REST generator).

The template is a JSON file::

    {"url": "http://127.0.0.1:8000/ask", "method": "POST",
     "headers": {"x-api-key": "${MY_KEY}"},
     "body": {"question": "{prompt}", "context": "{system}"},
     "answer": "$.data.answer"}

``{prompt}`` (required, somewhere in the body) becomes the conversation's user text (earlier
turns are written above it as ``User:``/``Assistant:`` lines); ``{system}`` the system
prompt. Substitution happens inside JSON strings, so quotes in a prompt cannot break the
body. ``${VAR}`` in a header takes the environment variable ``VAR``. ``answer`` is a JSON path
(``$.a.b[0].c``) to the reply text.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import httpx

from sai.redteam.errors import TargetError
from sai.redteam.model import Turn
from sai.redteam.targets._http import post_json
from sai.redteam.targets.base import ChatTarget, Reply

_PATH_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_\-]*)|\[(\d+)\]|\[\"([^\"]+)\"\]")
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_KEYS = {"url", "method", "headers", "body", "answer"}


def parse_json_path(path: str) -> tuple[str | int, ...]:
    """``$.a.b[0]`` as steps ``("a", "b", 0)``; TargetError on anything else."""
    if not path.startswith("$"):
        raise TargetError(f"answer path {path!r} must start with '$'", hint='e.g. "$.data.text"')
    steps: list[str | int] = []
    position = 1
    while position < len(path):
        match = _PATH_STEP.match(path, position)
        if match is None:
            raise TargetError(
                f"answer path {path!r} is malformed at character {position + 1}",
                hint='use .name, [index] or ["name"] steps, e.g. "$.choices[0].text"',
            )
        name, index, quoted = match.groups()
        steps.append(int(index) if index is not None else (name or quoted))
        position = match.end()
    return tuple(steps)


def follow(value: Any, steps: Sequence[str | int]) -> Any:
    """The value at ``steps`` inside ``value``; KeyError naming the first missing step."""
    for n, step in enumerate(steps):
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            raise KeyError(n) from None
    return value


def _fill(value: Any, fields: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        for name, text in fields.items():
            value = value.replace("{" + name + "}", text)
        return value
    if isinstance(value, list):
        return [_fill(item, fields) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, fields) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class RequestTemplate:
    """A parsed, checked template."""

    url: str
    method: str
    headers: Mapping[str, str]
    body: Any
    answer: tuple[str | int, ...]
    answer_text: str

    @classmethod
    def load(cls, path: Path) -> RequestTemplate:
        """Read and check ``path``; TargetError with file:line:column on a broken template."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise TargetError(
                f"cannot read the request template {path}: {error.strerror}"
            ) from None
        except json.JSONDecodeError as error:
            raise TargetError(
                f"{path}:{error.lineno}:{error.colno}: the request template is not JSON: "
                f"{error.msg}"
            ) from None
        return cls.from_json(raw, str(path))

    @classmethod
    def from_json(cls, raw: Any, source: str) -> RequestTemplate:
        if not isinstance(raw, dict):
            raise TargetError(f"{source}: the request template must be a JSON object")
        unknown = set(raw) - _KEYS
        if unknown or not {"url", "body", "answer"} <= set(raw):
            raise TargetError(
                f"{source}: the template needs url, body and answer"
                + (f"; unknown keys {sorted(unknown)}" if unknown else ""),
                hint="keys: url, method (default POST), headers, body, answer",
            )
        url, answer = raw["url"], raw["answer"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise TargetError(f"{source}: url must be an http(s) URL")
        if not isinstance(answer, str):
            raise TargetError(f"{source}: answer must be a JSON path string such as $.text")
        headers = raw.get("headers", {})
        if not isinstance(headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise TargetError(f"{source}: headers must map names to strings")
        if "{prompt}" not in json.dumps(raw["body"]):
            raise TargetError(
                f"{source}: the body has no {{prompt}} placeholder",
                hint='put "{prompt}" in the string field that carries the user text',
            )
        method = str(raw.get("method", "POST")).upper()
        if method not in {"POST", "PUT", "GET"}:
            raise TargetError(f"{source}: method {method!r} is not POST, PUT or GET")
        return cls(url, method, headers, raw["body"], parse_json_path(answer), answer)

    def headers_with_env(self, env: Mapping[str, str]) -> dict[str, str]:
        """Headers with ``${VAR}`` taken from ``env``; TargetError names a missing variable."""

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in env:
                raise TargetError(f"the template's headers need ${{{name}}}, which is not set")
            return env[name]

        return {key: _ENV.sub(value, text) for key, text in self.headers.items()}


def flatten(turns: Sequence[Turn]) -> tuple[str, str]:
    """The system text and the user text (earlier turns written above the last one)."""
    system = "\n".join(t.content for t in turns if t.role == "system")
    rest = [t for t in turns if t.role != "system"]
    if len(rest) == 1:
        return system, rest[0].content
    label = {"user": "User", "assistant": "Assistant", "tool": "Tool result"}
    return system, "\n".join(f"{label.get(t.role, t.role)}: {t.content}" for t in rest)


class HttpTemplateTarget(ChatTarget):
    """Any JSON-over-HTTP endpoint, through a `RequestTemplate`."""

    kind: ClassVar[str] = "http"

    def __init__(
        self,
        template: RequestTemplate,
        *,
        env: Mapping[str, str] | None = None,
        timeout: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.template = template
        self._headers = template.headers_with_env(os.environ if env is None else env)
        self._client = httpx.AsyncClient(timeout=timeout, transport=transport)

    async def send(self, turns: Sequence[Turn]) -> Reply:
        system, prompt = flatten(turns)
        body = _fill(self.template.body, {"prompt": prompt, "system": system})
        answer, requests = await post_json(
            self._client,
            self.template.url,
            json_body=body,
            headers=self._headers,
            method=self.template.method,
        )
        try:
            text = follow(answer, self.template.answer)
        except KeyError as missing:
            step = self.template.answer[int(str(missing))]
            raise TargetError(
                f"the answer has nothing at {self.template.answer_text} (no {step!r}): "
                f"{json.dumps(answer)[:120]}"
            ) from None
        return Reply(text if isinstance(text, str) else json.dumps(text), requests)

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "endpoint": self.template.url, "model": ""}

    async def aclose(self) -> None:
        await self._client.aclose()


__all__ = ["HttpTemplateTarget", "RequestTemplate", "flatten", "follow", "parse_json_path"]
