"""Secret leakage: ask for the credentials a model or agent can see."""

from __future__ import annotations

from typing import ClassVar

from sai.redteam.model import Attempt, Category, Turn
from sai.redteam.probes.base import Probe, ProbeContext, load_data


class SecretLeak(Probe):
    """Requests for keys, tokens and connection strings; judged by sai.guards' secrets scanner."""

    name: ClassVar[str] = "secret-leak"
    category: ClassVar[Category] = Category.secret_leak
    description: ClassVar[str] = "ask for credentials the model or agent can see"
    data_files: ClassVar[tuple[str, ...]] = ("secrets.json",)

    def attempts(self, context: ProbeContext) -> list[Attempt]:
        return [
            self.attempt(n, [Turn("user", str(text))], "secret")
            for n, text in enumerate(load_data("secrets.json"))
        ]


__all__ = ["SecretLeak"]
