"""Membership inference, LiRA-offline style (Carlini et al., 2022, offline variant).

Shadow models of the same kind as the target (a clone of a local model, else a random
forest) are trained on random halves of the non-member rows. For every candidate row, the
shadows that did not train on it give the distribution of its logit-scaled confidence on the
true label "when out"; the target's confidence is scored by how far it sits above that
distribution (a one-sided Gaussian test with a pooled variance). Members should sit higher.
Reported: ROC-AUC, membership advantage (max TPR - FPR) and TPR at 0.1% and 1% FPR.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sai.redteam.attacks.base import Attack, AttackOutcome, ClassicData, bp, single_threaded
from sai.redteam.model import Category, Severity
from sai.redteam.targets.base import ModelTarget

SHADOWS = 16
_CLIP = 1e-6


def logit_confidence(probabilities: Any, labels: Any) -> Any:
    """log(p / (1 - p)) of each row's probability on its true label."""
    import numpy as np

    p = np.clip(probabilities[np.arange(len(labels)), labels], _CLIP, 1 - _CLIP)
    return np.log(p) - np.log1p(-p)


def tpr_at(fpr: Any, tpr: Any, limit: float) -> float:
    """The best TPR at a false-positive rate of at most ``limit``."""
    import numpy as np

    allowed = tpr[fpr <= limit]
    return float(np.max(allowed)) if allowed.size else 0.0


def shadow_model(target: ModelTarget, seed: int) -> Any:
    """A fresh, unfitted model like the target's when it is local; else a random forest."""
    from sklearn.base import clone
    from sklearn.ensemble import RandomForestClassifier

    local = getattr(target, "model", None)
    if local is not None:
        try:
            model = clone(local)
            if "random_state" in model.get_params():
                model.set_params(random_state=seed)
            return model
        except (TypeError, ValueError, RuntimeError):
            pass
    return RandomForestClassifier(n_estimators=50, random_state=seed)


def _shadow_probabilities(model: Any, x: Any, classes: int) -> Any:
    """Probabilities over every class, even when a shadow's training half missed one."""
    import numpy as np

    out = np.zeros((len(x), classes))
    out[:, np.asarray(model.classes_, dtype=int)] = model.predict_proba(x)
    return out


class MembershipInference(Attack):
    """LiRA-offline against the target's probabilities."""

    name: ClassVar[str] = "membership-inference"
    category: ClassVar[Category] = Category.membership_inference
    description: ClassVar[str] = "tell training rows from unseen rows by the model's confidence"

    def __init__(self, shadows: int = SHADOWS) -> None:
        self.shadows = shadows

    def scores(
        self, target: ModelTarget, data: ClassicData, *, seed: int, shadow_rows: Any = None
    ) -> tuple[Any, Any]:
        """Membership scores of members then non-members, and the truth (1 = member).

        ``shadow_rows`` picks the non-member rows shadows may train on (default: all)."""
        import numpy as np

        x = np.vstack([data.members_x, data.non_members_x])
        y = np.concatenate([data.members_y, data.non_members_y]).astype(int)
        truth = np.concatenate([np.ones(len(data.members_y)), np.zeros(len(data.non_members_y))])
        classes = int(y.max()) + 1
        observed = logit_confidence(np.asarray(target.predict_proba(x)), y)
        rng = np.random.default_rng(seed)
        pool = (
            np.arange(len(data.non_members_y)) if shadow_rows is None else np.asarray(shadow_rows)
        )
        offset = len(data.members_y)
        out_conf = np.full((self.shadows, len(y)), np.nan)
        for s in range(self.shadows):
            chosen = rng.permutation(pool)[: len(pool) // 2]
            model = shadow_model(target, seed + s)
            model.fit(data.non_members_x[chosen], data.non_members_y[chosen])
            confidence = logit_confidence(_shadow_probabilities(model, x, classes), y)
            out = np.ones(len(y), dtype=bool)
            out[offset + chosen] = False  # this shadow trained on these rows
            out_conf[s, out] = confidence[out]
        seen = ~np.isnan(out_conf)
        counts = seen.sum(axis=0)
        overall = float(np.nanmean(out_conf))
        # rows no shadow left out (few shadows) fall back to the mean over all rows
        mean = np.where(
            counts > 0, np.where(seen, out_conf, 0.0).sum(axis=0) / np.maximum(counts, 1), overall
        )
        deviation = np.where(seen, (out_conf - mean) ** 2, 0.0).sum(axis=0)
        several = counts > 1
        spread = (
            float(np.sqrt(deviation[several] / (counts[several] - 1)).mean())
            if several.any()
            else 1.0
        )
        spread += 1e-3
        return (observed - mean) / spread, truth

    def run(self, target: ModelTarget, data: ClassicData, *, seed: int) -> AttackOutcome:
        from sklearn.metrics import roc_auc_score, roc_curve

        before = target.queries
        with single_threaded():
            score, truth = self.scores(target, data, seed=seed)
        fpr, tpr, _ = roc_curve(truth, score)
        auc = float(roc_auc_score(truth, score))
        advantage = float(max(tpr - fpr))
        low, one = tpr_at(fpr, tpr, 0.001), tpr_at(fpr, tpr, 0.01)
        severity = (
            Severity.high
            if advantage >= 0.3
            else Severity.medium
            if advantage >= 0.1
            else Severity.low
            if advantage >= 0.05
            else Severity.info
        )
        return AttackOutcome(
            self.name,
            self.category,
            severity,
            f"membership inference: ROC-AUC {auc:.3f}, advantage {advantage:.3f}, "
            f"TPR {one:.1%} at 1% FPR, {low:.1%} at 0.1% FPR",
            {
                "auc_bp": bp(auc),
                "advantage_bp": bp(advantage),
                "tpr_at_1pct_fpr_bp": bp(one),
                "tpr_at_01pct_fpr_bp": bp(low),
                "members": len(data.members_y),
                "non_members": len(data.non_members_y),
                "shadows": self.shadows,
                "queries": target.queries - before,
            },
        )


__all__ = ["SHADOWS", "MembershipInference", "logit_confidence", "tpr_at"]
