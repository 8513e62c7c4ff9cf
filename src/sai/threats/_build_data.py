"""The data side of the system model: datasets, retrieval sources, prompts, configs and tools.

Split out of `sai.threats.build` (the builder passes itself in) to keep modules small.
"""

from __future__ import annotations

from sai.manifest.threats_spec import ToolKind, parse_permission
from sai.threats._graph import GraphBuilder
from sai.threats.system import ElementKind as K
from sai.threats.system import Zone

_OUTSIDE_CONTENT = (ToolKind.http_api, ToolKind.browser, ToolKind.email, ToolKind.mcp)


def add_data(b: GraphBuilder, llms: list[str]) -> None:
    """Datasets, retrieval sources, prompts and configs, and the flows into the models."""
    m = b.m
    trains = {name for model in m.models for name in model.trained_on}
    for d in m.datasets:
        b.add(
            K.dataset,
            d.name,
            confidential=d.confidential,
            public_source=d.name in b.public,
            trains_model=d.name in trains,
            written_by_tool=d.name in b.written,
        )
    for model in m.models:
        for name in model.trained_on:
            b.flow((K.dataset, name), (K.model, model.name), "training data", name in b.public)
    for r in m.retrieval:
        b.add(
            K.retrieval,
            r.name,
            Zone.outside if r.untrusted else Zone.inside,
            untrusted=r.untrusted,
            confidential=r.confidential,
            written_by_tool=r.name in b.written,
        )
        for name in llms:
            b.flow((K.retrieval, r.name), (K.model, name), "retrieved documents", r.untrusted)
    for p in m.prompts:
        b.add(K.prompt, p.name)
        for name in llms:
            b.flow((K.prompt, p.name), (K.model, name), "system prompt")
    for c in m.configs:
        b.add(K.config, c.name)


def add_tools(b: GraphBuilder, llms: list[str]) -> None:
    """Tools with their facts; flows from the LLMs, and to what they write or from what
    they read."""
    kinds = (
        {d.name: K.dataset for d in b.m.datasets}
        | {r.name: K.retrieval for r in b.m.retrieval}
        | {t.name: K.tool for t in b.m.tools}
    )
    for tool in b.m.tools:
        parsed = [p for p in map(parse_permission, tool.permissions) if p is not None]
        b.add(
            K.tool,
            tool.name,
            kind=tool.kind.value,
            permissions=len(parsed),
            wildcard=any(p.wildcard for p in parsed),
            admin=any(p.admin for p in parsed) or tool.kind is ToolKind.shell,
            writes=any(p.writes for p in parsed),
            reaches_confidential=any(n in b.confidential for n in tool.reaches),
            external_content=tool.kind in _OUTSIDE_CONTENT,
            approved=tool.approved_by is not None,
            justified=tool.justification is not None,
        )
        for name in llms:
            b.flow((K.model, name), (K.tool, tool.name), "tool calls")
        writes = any(p.writes for p in parsed)
        for target in tool.reaches:
            if writes:
                b.flow((K.tool, tool.name), (kinds[target], target), "writes")
            else:
                b.flow((kinds[target], target), (K.tool, tool.name), "read by the tool")
