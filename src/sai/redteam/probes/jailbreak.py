"""Jailbreak templates: role-play and framing that talk the model out of its rules."""

from __future__ import annotations

from typing import ClassVar

from sai.redteam.model import Attempt, Category, Turn
from sai.redteam.probes.base import Probe, ProbeContext, load_data, payload


class Jailbreak(Probe):
    """Each template wraps a marker-building payload; building the marker is the success."""

    name: ClassVar[str] = "jailbreak"
    category: ClassVar[Category] = Category.jailbreak
    description: ClassVar[str] = "role-play and framing templates around an instruction"
    data_files: ClassVar[tuple[str, ...]] = ("jailbreaks.json",)

    def attempts(self, context: ProbeContext) -> list[Attempt]:
        out = []
        for n, template in enumerate(load_data("jailbreaks.json")):
            text, marker = payload(context.seed, f"{self.name}:{n}")
            turns = [Turn("user", str(template).format(payload=text))]
            out.append(self.attempt(n, turns, "marker", {"marker": marker}))
        return out


__all__ = ["Jailbreak"]
