"""Least privilege of tools (5.1.2-6): every grant justified, approved and no broader than needed.

A wildcard (``mail:send:*``) or an all-powerful word (``db:admin``, ``*:read``) grants more
than any one function needs, and a shell gives everything; each is a problem to fix, not to
accept. A permission no logged tool call used in the window observed (`sai.threats.usage`) is
listed in `ToolReview.unused` as a candidate for removal: a call uses the permissions its
function needs (the tool's ``functions:``), or all of them when it names the tool itself.
Without gateway traffic in the window, ``unused`` stays unknown (None).
"""

from __future__ import annotations

from dataclasses import dataclass

from sai.ledger.kinds.threats import ToolGrant
from sai.manifest import Manifest
from sai.manifest.threats_spec import ToolKind, ToolSpec, parse_permission
from sai.threats.usage import ToolUsage


@dataclass(frozen=True)
class ToolReview:
    """The least-privilege findings of one tool."""

    name: str
    kind: str
    permissions: tuple[str, ...]
    reaches: tuple[str, ...]
    approved_by: str | None
    justified: bool
    problems: tuple[str, ...]
    unused: tuple[str, ...] | None = None
    observed: ToolUsage | None = None

    def to_part(self) -> ToolGrant:
        """The tool as recorded in the ``threats.model`` entry."""
        return ToolGrant(
            self.name,
            self.kind,
            self.permissions,
            self.reaches,
            self.approved_by,
            self.justified,
            self.problems,
            self.unused,
            None if self.observed is None else self.observed.to_data(),
        )


def unused_permissions(tool: ToolSpec, called: frozenset[str]) -> tuple[str, ...]:
    """The permissions of ``tool`` that no call to a function in ``called`` needed."""
    if tool.functions:
        used = {p for name, needs in tool.functions.items() if name in called for p in needs}
    else:
        names = {tool.name, tool.name.replace("-", "_")}
        used = set(tool.permissions) if names & called else set()
    return tuple(p for p in tool.permissions if p not in used)


def review_tools(manifest: Manifest, usage: ToolUsage | None = None) -> tuple[ToolReview, ...]:
    """The least-privilege review of every tool in ``manifest``; with ``usage`` (the tool
    calls the gateway logged), the permissions none of them used."""
    out = []
    for tool in manifest.tools:
        problems = []
        for text in tool.permissions:
            permission = parse_permission(text)
            if permission is None:
                continue
            if permission.admin:
                problems.append(f"admin-style permission '{text}'")
            elif permission.wildcard:
                problems.append(f"wildcard permission '{text}'")
        if tool.kind is ToolKind.shell:
            problems.append("a shell grants every command the host allows")
        if not tool.permissions:
            problems.append("no permissions listed: what it may do is unknown")
        if tool.approved_by is None:
            problems.append("no approver (approved_by)")
        if tool.justification is None:
            problems.append("no justification of its permissions")
        out.append(
            ToolReview(
                tool.name,
                tool.kind.value,
                tuple(tool.permissions),
                tuple(tool.reaches),
                tool.approved_by,
                tool.justification is not None,
                tuple(problems),
                None if usage is None else unused_permissions(tool, usage.called),
                usage,
            )
        )
    return tuple(out)


__all__ = ["ToolReview", "review_tools", "unused_permissions"]
