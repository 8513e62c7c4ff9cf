"""Evidence entries the guards write: ``guard.evaluation`` (measured quality) and ``guard.check``.

Figures go in as integers (basis points, microseconds): the ledger's canonical JSON refuses
floats. The artefact digests tie an evaluation to the exact detector that was measured.
"""

from __future__ import annotations

from datetime import datetime

from sai.guards.evaluate import Dataset, Metrics
from sai.guards.injection.artifacts import artifact_digests
from sai.guards.pipeline import PipelineResult
from sai.ledger import Evidence, Origin
from sai.ledger.kinds import GuardCheck, GuardEvaluation, GuardMetrics, Kind

#: Input checks and robustness (5.2.1-4.1, 5.1.2-2); output disclosure (5.2.5-4, 5.2.5-4.1).
EVALUATION_PROVISIONS = ("5.2.1-4.1", "5.1.2-2")
OUTPUT_PROVISIONS = ("5.2.5-4", "5.2.5-4.1")


def evaluation_evidence(
    scanner: str,
    variant: str,
    threshold: float,
    dataset: Dataset,
    metrics: Metrics,
    *,
    time: datetime | None = None,
) -> Evidence:
    """A ``guard.evaluation`` entry for one scanner measured on one labelled set."""
    data = GuardEvaluation(
        scanner=scanner,
        variant=variant,
        threshold_bp=round(threshold * 10_000),
        dataset={"path": dataset.path, "digest": dataset.digest},
        metrics=GuardMetrics(**metrics.basis_points()),
        artifacts=dict(sorted(artifact_digests().items())) if scanner == "injection" else {},
    ).to_data()
    provisions = EVALUATION_PROVISIONS if scanner == "injection" else OUTPUT_PROVISIONS
    return Evidence.create(
        kind=Kind.GUARD_EVALUATION,
        origin=Origin.control("guards.evaluation"),
        subject=f"guards.{scanner}",
        provisions=provisions,
        actor="sai",
        data=data,
        time=time,
    )


def check_evidence(
    subject: str, result: PipelineResult, direction: str, *, time: datetime | None = None
) -> Evidence:
    """A ``guard.check`` entry: which scanners ran on a text and what they decided."""
    data = GuardCheck(
        direction=direction,
        action=result.action.value,
        results=tuple(
            {
                "scanner": item.scanner,
                "action": item.action.value,
                "score_bp": round(item.score * 10_000),
                "spans": len(item.spans),
            }
            for item in result.results
        ),
    ).to_data()
    return Evidence.create(
        kind=Kind.GUARD_CHECK,
        origin=Origin.control("guards.check"),
        subject=subject,
        provisions=OUTPUT_PROVISIONS if direction == "output" else EVALUATION_PROVISIONS,
        actor="sai",
        data=data,
        time=time,
    )


__all__ = ["EVALUATION_PROVISIONS", "check_evidence", "evaluation_evidence"]
