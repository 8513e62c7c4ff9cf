"""Model extraction through the prediction API: label synthetic queries, train a surrogate.

Queries are drawn from a Gaussian fitted to the non-member rows (an attacker who knows the
rough distribution of inputs, not the training rows). At each budget (100, 1,000, 10,000
queries) a gradient-boosted surrogate is trained on the target's answers; its agreement with
the target is measured on the real member and non-member rows, which no query contained.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sai.redteam.attacks.base import Attack, AttackOutcome, ClassicData, bp, single_threaded
from sai.redteam.model import Category, Severity
from sai.redteam.targets.base import ModelTarget

BUDGETS = (100, 1_000, 10_000)


def _surrogate(x: Any, y: Any, seed: int) -> Any:
    import numpy as np
    from sklearn.dummy import DummyClassifier
    from sklearn.ensemble import HistGradientBoostingClassifier

    if len(np.unique(y)) < 2:
        return DummyClassifier(strategy="most_frequent").fit(x, y)
    return HistGradientBoostingClassifier(random_state=seed, max_iter=100).fit(x, y)


class ModelExtraction(Attack):
    """Agreement of a stolen copy with the target at growing query budgets."""

    name: ClassVar[str] = "model-extraction"
    category: ClassVar[Category] = Category.model_extraction
    description: ClassVar[str] = "copy the model from its answers to synthetic queries"

    def __init__(self, budgets: tuple[int, ...] = BUDGETS) -> None:
        self.budgets = budgets

    def run(self, target: ModelTarget, data: ClassicData, *, seed: int) -> AttackOutcome:
        import numpy as np

        rng = np.random.default_rng(seed)
        pool = np.asarray(data.non_members_x, dtype=float)
        mean, cov = pool.mean(axis=0), np.cov(pool, rowvar=False) + 1e-9 * np.eye(pool.shape[1])
        evaluation = np.vstack([data.members_x, data.non_members_x])
        truth = target.predict(evaluation)
        before = target.queries
        with single_threaded():
            queries = rng.multivariate_normal(mean, cov, size=max(self.budgets))
            labels = target.predict(queries)
            agreement: dict[int, float] = {}
            for budget in self.budgets:
                model = _surrogate(queries[:budget], labels[:budget], seed)
                agreement[budget] = float(np.mean(model.predict(evaluation) == truth))
        largest = agreement[max(self.budgets)]
        middle = agreement.get(1_000, largest)
        severity = (
            Severity.medium if middle >= 0.9 else Severity.low if middle >= 0.8 else Severity.info
        )
        shown = ", ".join(f"{agreement[b]:.1%} at {b:,}" for b in self.budgets)
        return AttackOutcome(
            self.name,
            self.category,
            severity,
            f"model extraction: surrogate agreement {shown} queries",
            {
                **{f"agreement_{b}_bp": bp(a) for b, a in agreement.items()},
                "agreement_bp": bp(largest),
                "queries": target.queries - before,
            },
        )


__all__ = ["BUDGETS", "ModelExtraction"]
