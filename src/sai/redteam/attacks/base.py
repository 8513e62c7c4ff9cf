"""The classic-model attack interface: a model target and labelled data in, figures out.

An attack queries the target only through `ModelTarget.predict_proba` (black box), may train
its own models (shadows, surrogates) with scikit-learn, and is seeded: the same seed, model and
data give the same figures. Figures are integers (basis points, counts) so they go into the
ledger as they are.
"""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from sai.redteam.model import Category, Severity
from sai.redteam.targets.base import ModelTarget


@dataclass(frozen=True)
class ClassicData:
    """Member rows (the model trained on them) and non-member rows (it never saw them)."""

    members_x: Any
    members_y: Any
    non_members_x: Any
    non_members_y: Any
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttackOutcome:
    """What an attack found: a severity, a one-line summary and integer figures."""

    attack: str
    category: Category
    severity: Severity
    summary: str
    metrics: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "attack",
            "attack": self.attack,
            "category": self.category.value,
            "severity": self.severity.value,
            "summary": self.summary,
            "metrics": dict(self.metrics),
        }


@contextlib.contextmanager
def single_threaded() -> Iterator[None]:
    """Run scikit-learn and BLAS on one thread: on shared cores, their thread pools fight each
    other and a 3-second fit takes 30 (measured with HistGradientBoosting on 2 busy cores)."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    with threadpool_limits(1):
        yield


def bp(value: float) -> int:
    """A share in basis points (0.1234 -> 1234)."""
    return round(float(value) * 10_000)


class Attack(abc.ABC):
    """One attack on a classic model."""

    name: ClassVar[str]
    category: ClassVar[Category]
    description: ClassVar[str]

    @abc.abstractmethod
    def run(self, target: ModelTarget, data: ClassicData, *, seed: int) -> AttackOutcome:
        """Attack ``target`` with ``data``; deterministic for a given seed."""


__all__ = ["Attack", "AttackOutcome", "ClassicData", "bp", "single_threaded"]
