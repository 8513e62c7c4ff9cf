"""The tools an agent under test declares (``--tools FILE.json``), in OpenAI's function format.

The file is a JSON array of tool definitions, or an object with a ``tools`` array, as sent in
a chat request: ``{"type": "function", "function": {"name": ..., "description": ...,
"parameters": {JSON schema}}}``. The excessive-agency probe builds its attempts from these
names and parameter schemas, and the target sends them with every request.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sai.redteam.errors import RedteamError

_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: More tools than this in one file is not a tool list a person wrote.
MAX_TOOLS = 128


@dataclass(frozen=True)
class AgentTool:
    """One declared tool: its name, description and the JSON text of its parameter schema."""

    name: str
    description: str
    parameters: str

    def schema(self) -> dict[str, Any]:
        """The parameter schema as a dict (an object schema; empty when none was given)."""
        value = json.loads(self.parameters)
        return value if isinstance(value, dict) else {}

    def to_openai(self) -> dict[str, Any]:
        """The definition as a chat request carries it."""
        function = {"name": self.name, "description": self.description, "parameters": self.schema()}
        return {"type": "function", "function": function}


def tools_from_json(value: Any, where: str = "--tools") -> tuple[AgentTool, ...]:
    """The tools of a parsed tools document; RedteamError naming the bad entry otherwise."""
    items = value.get("tools") if isinstance(value, dict) else value
    if not isinstance(items, list) or not items:
        raise RedteamError(
            f"{where}: expected a non-empty JSON array of tool definitions",
            hint='write [{"type": "function", "function": {"name": ..., "parameters": {...}}}]',
        )
    if len(items) > MAX_TOOLS:
        raise RedteamError(f"{where}: {len(items)} tools; at most {MAX_TOOLS} are read")
    tools: dict[str, AgentTool] = {}
    for n, item in enumerate(items):
        function = item.get("function") if isinstance(item, dict) else None
        if (
            not isinstance(item, dict)
            or item.get("type") != "function"
            or not isinstance(function, dict)
        ):
            raise RedteamError(f'{where}: tool {n} is not {{"type": "function", "function": {{}}}}')
        name = function.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            raise RedteamError(f"{where}: tool {n} has no valid name (letters, digits, _ and -)")
        if name in tools:
            raise RedteamError(f"{where}: tool {name} is declared twice")
        description = function.get("description", "")
        parameters = function.get("parameters", {"type": "object", "properties": {}})
        if not isinstance(description, str) or not isinstance(parameters, dict):
            raise RedteamError(
                f"{where}: tool {name} needs a string description and an object parameters"
            )
        if not isinstance(parameters.get("properties", {}), dict):
            raise RedteamError(f"{where}: tool {name}: parameters.properties must be an object")
        text = json.dumps(parameters, sort_keys=True, separators=(",", ":"))
        tools[name] = AgentTool(name, description, text)
    return tuple(tools.values())


def read_tools(path: Path) -> tuple[AgentTool, ...]:
    """The tools declared in ``path``; RedteamError with the file and the problem otherwise."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RedteamError(f"cannot read --tools {path}: {error}") from None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise RedteamError(f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from None
    return tools_from_json(value, str(path))


__all__ = ["MAX_TOOLS", "AgentTool", "read_tools", "tools_from_json"]
