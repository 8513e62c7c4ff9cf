"""Tool permissions nobody used, as the reviewed threat model recorded them (5.1.2-6, 5.1.3-1.2).

`sai threats model` reads the tool calls the gateway logged and records, per tool, the
permissions no call used and the window it looked at. A permission stays unused "with sign-off"
when the tool's excessive-agency risk carries a justification and an approver in threats.yaml;
otherwise it is open: a candidate for removal that nobody decided on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sai.ledger.kinds.threats import ThreatsModel, ToolGrant

DECIDE = (
    "remove them from sai.yaml and from the tool's credentials, or record why they stay (a "
    "`justification` and `approved_by` on the tool's SAI-T007 risk in threats.yaml)"
)


@dataclass(frozen=True)
class UnusedGrants:
    """Unused permissions, open or kept with sign-off, and the traffic they were unused in."""

    open: tuple[str, ...]
    kept: tuple[str, ...]
    window: str | None

    def note(self) -> str:
        """What the usage review found, for a passing reason."""
        if self.window is None:
            return (
                "unused permissions cannot be listed: the gateway logged no answer in the "
                "30 days before the model was built"
            )
        kept = f"; kept with sign-off: {', '.join(self.kept)}" if self.kept else ""
        return f"no permission without a use in {self.window}{kept}"


def _window(observed: Mapping[str, object]) -> str:
    return (
        f"{observed.get('answers')} gateway answers ({observed.get('answers_with_calls')} with "
        f"tool calls) from {str(observed.get('since'))[:16]}Z to "
        f"{str(observed.get('until'))[:16]}Z"
    )


def _signed_off(payload: ThreatsModel, tool: ToolGrant) -> bool:
    return any(
        t.category == "agency" and t.element == f"tool:{tool.name}"
        for t in payload.threats
        if t.justification and t.approved_by
    )


def unused_grants(payload: ThreatsModel) -> UnusedGrants:
    """The unused permissions the threat model ``payload`` recorded, sorted by decision."""
    open_: list[str] = []
    kept: list[str] = []
    window = None
    for tool in payload.tools:
        if tool.observed is not None and window is None:
            window = _window(tool.observed)
        if tool.unused:
            line = f"{tool.name}: {', '.join(tool.unused)}"
            (kept if _signed_off(payload, tool) else open_).append(line)
    return UnusedGrants(tuple(open_), tuple(kept), window)


__all__ = ["DECIDE", "UnusedGrants", "unused_grants"]
