"""Direct prompt injection: the user's own message tries to override the instructions."""

from __future__ import annotations

from typing import ClassVar

from sai.redteam.model import Attempt, Category, Turn
from sai.redteam.probes.base import Probe, ProbeContext, load_data, payload


class DirectInjection(Probe):
    """Wrappers that cancel the system prompt, each carrying a marker-building payload."""

    name: ClassVar[str] = "direct-injection"
    category: ClassVar[Category] = Category.direct_injection
    description: ClassVar[str] = "override the instructions from the user turn"
    data_files: ClassVar[tuple[str, ...]] = ("injection.json",)

    def attempts(self, context: ProbeContext) -> list[Attempt]:
        out = []
        for n, wrapper in enumerate(load_data("injection.json")):
            text, marker = payload(context.seed, f"{self.name}:{n}")
            turns = [Turn("user", str(wrapper).format(payload=text))]
            out.append(self.attempt(n, turns, "marker", {"marker": marker}))
        return out


__all__ = ["DirectInjection"]
