"""Black-box evasion on numeric features: a decision-based boundary attack (HopSkipJump-like).

Written for sai so it needs nothing beyond numpy. It works in standardised feature space
(per-feature z-scores of the non-member rows), starts each row from the nearest row the model
labels differently, and alternates a search for the decision boundary with a step along a
gradient direction estimated from the signs of random probes (after Chen et al., 2020). It
needs only predicted labels, and attacks all rows at once so that each round is a few batched
queries. Reported: the share of rows pushed across the boundary within ``epsilon``
(standardised L2) and the median perturbation found.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sai.redteam.attacks.base import Attack, AttackOutcome, ClassicData, bp, single_threaded
from sai.redteam.model import Category, Severity
from sai.redteam.targets.base import ModelTarget

SAMPLES = 20
ITERATIONS = 25
PROBES = 50
GRID = 16
STEPS = 8
#: A perturbation this small (one standard deviation over all features together) is an evasion.
EPSILON = 1.0


class Oracle:
    """The target seen in standardised space: which points are labelled other than theirs."""

    def __init__(self, target: ModelTarget, mean: Any, scale: Any) -> None:
        self.target, self.mean, self.scale = target, mean, scale

    def adversarial(self, z: Any, labels: Any) -> Any:
        """``z`` is (rows, k, d), ``labels`` (rows,): a (rows, k) boolean matrix."""
        import numpy as np

        rows, k, d = z.shape
        predicted = np.asarray(self.target.predict(z.reshape(-1, d) * self.scale + self.mean))
        return predicted.reshape(rows, k) != labels[:, None]


def boundary(oracle: Oracle, z0: Any, z_adv: Any, labels: Any) -> Any:
    """For each row, the point nearest ``z0`` on the segment to ``z_adv`` that is still
    adversarial (``z_adv`` must be): two rounds of a batched grid search."""
    import numpy as np

    low, high = np.zeros(len(z0)), np.ones(len(z0))
    for _ in range(2):
        ts = low[:, None] + (high - low)[:, None] * np.linspace(0, 1, GRID + 1)[None, 1:]
        points = z0[:, None, :] + ts[:, :, None] * (z_adv - z0)[:, None, :]
        adversarial = oracle.adversarial(points, labels)
        adversarial[:, -1] = True  # the far end is adversarial by construction
        first = adversarial.argmax(axis=1)
        high = ts[np.arange(len(z0)), first]
        low = np.where(first > 0, ts[np.arange(len(z0)), np.maximum(first - 1, 0)], low)
    return z0 + high[:, None] * (z_adv - z0)


def attack(oracle: Oracle, z0: Any, start: Any, labels: Any, rng: Any) -> Any:
    """The adversarial points found for rows ``z0`` from adversarial ``start`` points."""
    import numpy as np

    z_adv = boundary(oracle, z0, start, labels)
    rows, d = z0.shape
    for t in range(ITERATIONS):
        distance = np.linalg.norm(z_adv - z0, axis=1)
        delta = np.maximum(1e-4, distance / 20)
        directions = rng.standard_normal((rows, PROBES, d))
        directions /= np.linalg.norm(directions, axis=2, keepdims=True)
        probes = z_adv[:, None, :] + delta[:, None, None] * directions
        signs = np.where(oracle.adversarial(probes, labels), 1.0, -1.0)
        centred = signs - signs.mean(axis=1, keepdims=True)
        gradient = (centred[:, :, None] * directions).mean(axis=1)
        norm = np.linalg.norm(gradient, axis=1, keepdims=True)
        gradient = np.divide(gradient, norm, out=np.zeros_like(gradient), where=norm > 0)
        sizes = (distance / np.sqrt(t + 1))[:, None] * 0.5 ** np.arange(STEPS)[None, :]
        steps = z_adv[:, None, :] + sizes[:, :, None] * gradient[:, None, :]
        usable = oracle.adversarial(steps, labels)
        chosen = usable.argmax(axis=1)
        moved = usable.any(axis=1) & (norm[:, 0] > 0)
        far = np.where(moved[:, None], steps[np.arange(rows), chosen], z_adv)
        candidate = boundary(oracle, z0, far, labels)
        closer = np.linalg.norm(candidate - z0, axis=1) < distance
        z_adv = np.where(closer[:, None], candidate, z_adv)
    return z_adv


class Evasion(Attack):
    """Smallest label-flipping perturbation found for sampled non-member rows."""

    name: ClassVar[str] = "evasion"
    category: ClassVar[Category] = Category.evasion
    description: ClassVar[str] = "flip the model's decision with a small change of the inputs"

    def __init__(self, samples: int = SAMPLES, epsilon: float = EPSILON) -> None:
        self.samples = samples
        self.epsilon = epsilon

    def distances(self, target: ModelTarget, data: ClassicData, *, seed: int) -> list[float]:
        """The standardised L2 perturbation found for each attacked row (inf: none found)."""
        import numpy as np

        rng = np.random.default_rng(seed)
        pool = np.asarray(data.non_members_x, dtype=float)
        mean, scale = pool.mean(axis=0), pool.std(axis=0) + 1e-12
        z_pool = (pool - mean) / scale
        labels = np.asarray(target.predict(pool))
        chosen = rng.permutation(len(pool))[: self.samples]
        out = np.full(len(chosen), np.inf)
        starts, keep = [], []
        for n, index in enumerate(chosen):
            others = np.flatnonzero(labels != labels[index])
            if others.size:
                gaps = np.linalg.norm(z_pool[others] - z_pool[index], axis=1)
                starts.append(z_pool[others[np.argmin(gaps)]])
                keep.append(n)
        if keep:
            rows = chosen[keep]
            found = attack(
                Oracle(target, mean, scale), z_pool[rows], np.asarray(starts), labels[rows], rng
            )
            out[keep] = np.linalg.norm(found - z_pool[rows], axis=1)
        return [float(d) for d in out]

    def run(self, target: ModelTarget, data: ClassicData, *, seed: int) -> AttackOutcome:
        import numpy as np

        before = target.queries
        with single_threaded():
            found = self.distances(target, data, seed=seed)
        success = float(np.mean([d <= self.epsilon for d in found])) if found else 0.0
        finite = [d for d in found if np.isfinite(d)]
        median = float(np.median(finite)) if finite else float("inf")
        severity = (
            Severity.high
            if success >= 0.5
            else Severity.medium
            if success >= 0.2
            else Severity.info
        )
        return AttackOutcome(
            self.name,
            self.category,
            severity,
            f"evasion: {success:.0%} of {len(found)} rows flipped within {self.epsilon} "
            f"(standardised L2); median perturbation {median:.3f}",
            {
                "success_bp": bp(success),
                "median_perturbation_milli": round(median * 1000) if finite else -1,
                "epsilon_milli": round(self.epsilon * 1000),
                "samples": len(found),
                "queries": target.queries - before,
            },
        )


__all__ = ["EPSILON", "Evasion", "Oracle", "attack", "boundary"]
