"""Render the inventory: a text listing with its dependency edges, or a Graphviz DOT graph."""

from __future__ import annotations

from sai.inventory.assets import AssetType, Inventory

_SHAPES = {
    AssetType.application: "doubleoctagon",
    AssetType.model: "box3d",
    AssetType.dataset: "cylinder",
    AssetType.prompt: "note",
    AssetType.config: "component",
    AssetType.endpoint: "ellipse",
    AssetType.service: "hexagon",
    AssetType.dependencies: "folder",
}


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def short_digest(digest: str | None) -> str:
    """``sha256:0123456789ab…`` for tables."""
    if digest is None:
        return "-"
    algorithm, _, value = digest.partition(":")
    return f"{algorithm}:{value[:12]}…"


def render_text(inventory: Inventory) -> str:
    """One line per asset, then one line per edge."""
    lines = [f"inventory of {inventory.system}: {len(inventory.assets)} assets"]
    width = max((len(a.name) for a in inventory.assets), default=4)
    for asset in inventory.assets:
        flags = " confidential" if asset.confidential else ""
        status = "" if asset.status in ("present",) else f" [{asset.status}]"
        lines.append(
            f"  {asset.name:<{width}}  {asset.type.value:<12} {short_digest(asset.digest):<22}"
            f" owner={asset.owner or '-'} version={asset.version or '-'}{flags}{status}"
        )
    lines.append("dependencies:")
    lines.extend(f"  {e.source} --{e.relation.value}--> {e.target}" for e in inventory.edges)
    return "\n".join(lines)


def render_dot(inventory: Inventory) -> str:
    """A Graphviz digraph: assets as nodes shaped by type, edges labelled by relation."""
    lines = [f"digraph {_quote(inventory.system)} {{", "  rankdir=LR;"]
    for asset in inventory.assets:
        label = f"{asset.name}\n{asset.type.value}"
        shape = _SHAPES[asset.type]
        lines.append(f"  {_quote(asset.name)} [shape={shape}, label={_quote(label)}];")
    for edge in inventory.edges:
        lines.append(
            f"  {_quote(edge.source)} -> {_quote(edge.target)} [label={_quote(edge.relation)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


__all__ = ["render_dot", "render_text", "short_digest"]
