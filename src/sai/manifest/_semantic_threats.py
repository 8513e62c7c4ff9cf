"""Cross-field checks of the threat-modelling sections: modalities, retrieval and tools.

Like `sai.manifest._semantic`, they read the raw YAML data defensively, so one load reports
these problems together with schema errors. A tool may reach datasets, retrieval sources and
other tools; tools reaching each other in a circle is refused, since the data flows of the
threat model would have no start.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from sai.manifest._finding import Finding, Loc
from sai.manifest._paths import path_findings
from sai.manifest._types import is_valid_path

_ASSET_SECTIONS = ("models", "datasets", "prompts", "configs")


def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _names(data: dict[str, Any], section: str) -> dict[str, int]:
    return {
        item["name"]: index
        for index, item in _items(data, section)
        if isinstance(item.get("name"), str)
    }


def _modalities(data: dict[str, Any]) -> Iterator[Finding]:
    for index, model in _items(data, "models"):
        offered, used = model.get("modalities"), model.get("used_modalities")
        if not isinstance(used, list):
            continue
        if offered is None:
            yield Finding(
                ("models", index, "used_modalities"),
                "used_modalities without modalities",
                "list every kind of input the model can take under `modalities:`",
            )
            continue
        if not isinstance(offered, list):
            continue
        for position, modality in enumerate(used):
            if isinstance(modality, str) and modality not in offered:
                yield Finding(
                    ("models", index, "used_modalities", position),
                    f"the system uses '{modality}', which is not among the model's modalities",
                    f"add '{modality}' to `modalities:` or remove it here",
                )


def _unique(data: dict[str, Any]) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for section in _ASSET_SECTIONS:
        for asset, index in _names(data, section).items():
            first.setdefault(asset, f"{section}[{index}]")
    for section in ("retrieval", "tools"):
        for index, item in _items(data, section):
            name = item.get("name")
            if not isinstance(name, str):
                continue
            if name in first:
                yield Finding(
                    (section, index, "name"),
                    f"duplicate name '{name}': {first[name]} already uses it",
                    "names must be unique across assets, retrieval sources and tools",
                )
            else:
                first[name] = f"{section}[{index}]"


def _reaches(data: dict[str, Any]) -> Iterator[Finding]:
    known = [*_names(data, "datasets"), *_names(data, "retrieval"), *_names(data, "tools")]
    models = _names(data, "models")
    for index, tool in _items(data, "tools"):
        reaches = tool.get("reaches")
        if not isinstance(reaches, list):
            continue
        for position, name in enumerate(reaches):
            if not isinstance(name, str):
                continue
            loc: Loc = ("tools", index, "reaches", position)
            if name == tool.get("name"):
                yield Finding(loc, f"tool '{name}' reaches itself", "remove it")
            elif name in models:
                yield Finding(
                    loc,
                    f"'{name}' is a model; `reaches` names datasets, retrieval sources or tools",
                    "remove it: the models that use a tool are found from the system",
                )
            elif name not in known:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "declare it under `datasets:` (data the tool reads or writes), "
                    "`retrieval:` or `tools:`"
                )
                yield Finding(loc, f"unknown dataset, retrieval source or tool '{name}'", hint)


def _tool_edges(data: dict[str, Any]) -> dict[str, list[tuple[str, int, int]]]:
    tools = _names(data, "tools")
    edges: dict[str, list[tuple[str, int, int]]] = {}
    for index, tool in _items(data, "tools"):
        name, reaches = tool.get("name"), tool.get("reaches")
        if not isinstance(name, str) or not isinstance(reaches, list):
            continue
        edges[name] = [
            (target, index, position)
            for position, target in enumerate(reaches)
            if isinstance(target, str) and target in tools and target != name
        ]
    return edges


def _cycles(data: dict[str, Any]) -> Iterator[Finding]:
    """One finding per circle of tools reaching each other, at the edge that closes it."""
    edges = _tool_edges(data)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> Iterator[Finding]:
        state[node] = 1
        path.append(node)
        for target, index, position in edges.get(node, []):
            if state.get(target) == 1:
                circle = [*path[path.index(target) :], target]
                yield Finding(
                    ("tools", index, "reaches", position),
                    f"tools reach each other in a circle: {' -> '.join(circle)}",
                    "data flows must have a start; remove one of these `reaches` entries",
                )
            elif target not in state:
                yield from visit(target)
        path.pop()
        state[node] = 2

    for node in edges:
        if node not in state:
            yield from visit(node)


def _retrieval_paths(data: dict[str, Any], root: Path) -> Iterator[Finding]:
    """Like asset paths, except that a missing folder is a warning: documents may arrive only
    once the system runs."""

    for index, item in _items(data, "retrieval"):
        text = item.get("path")
        if not isinstance(text, str) or not is_valid_path(text):
            continue
        for found in path_findings(root, ("retrieval", index, "path"), text, "retrieval"):
            missing = found.message.startswith("file not found")
            yield (
                replace(found, message=f"folder or file not found: {text}", severity="warning")
                if missing
                else found
            )


def _permission_duplicates(data: dict[str, Any]) -> Iterator[Finding]:
    for index, tool in _items(data, "tools"):
        permissions = tool.get("permissions")
        if not isinstance(permissions, list):
            continue
        seen: set[str] = set()
        for position, permission in enumerate(permissions):
            if isinstance(permission, str) and permission in seen:
                yield Finding(
                    ("tools", index, "permissions", position),
                    f"permission '{permission}' is listed twice",
                    "remove it",
                )
            if isinstance(permission, str):
                seen.add(permission)


def check_threat_sections(data: dict[str, Any], root: Path) -> list[Finding]:
    """Findings of the modalities, retrieval and tools sections of a manifest in ``root``."""
    return [
        *_modalities(data),
        *_unique(data),
        *_reaches(data),
        *_cycles(data),
        *_retrieval_paths(data, root),
        *_permission_duplicates(data),
    ]
