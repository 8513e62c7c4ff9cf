"""What `sai guard check / eval / list` do; their text tables are in ``_format``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sai.guards.base import Direction, Guard, GuardContext, GuardSettings
from sai.guards.errors import GuardConfigError
from sai.guards.evaluate import Dataset, Metrics, evaluate, load_dataset
from sai.guards.injection.artifacts import ARTIFACTS_DIR, artifact_digests, verify_artifacts
from sai.guards.pipeline import Pipeline, PipelineResult
from sai.guards.registry import DEFAULT_GUARDS, GUARDS, build_guards, guard_class


def _direction(value: str) -> Direction:
    try:
        return Direction(value)
    except ValueError:
        raise GuardConfigError(
            f"--direction {value!r} is not a direction", hint="use input or output"
        ) from None


def _settings(name: str, tier: str, threshold: float | None = None) -> GuardSettings:
    options = (("tier", tier),) if name == "injection" else ()
    return GuardSettings(threshold=threshold, options=options)


@dataclass(frozen=True)
class CheckOutcome:
    """The pipeline result of ``sai guard check`` and the text it looked at."""

    pipeline: PipelineResult
    direction: Direction

    def as_json(self) -> dict[str, Any]:
        """The JSON form printed by ``--format json``."""
        return {
            "action": self.pipeline.action.value,
            "direction": self.direction.value,
            "text": self.pipeline.text,
            "results": [
                {
                    "scanner": r.scanner,
                    "action": r.action.value,
                    "score": round(r.score, 4),
                    "reason": r.reason,
                    "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in r.spans],
                }
                for r in self.pipeline.results
            ],
        }


def check_text(
    text: str,
    *,
    names: list[str],
    direction: str,
    tier: str,
    system_prompt: str | None,
    canary: str | None,
) -> CheckOutcome:
    """Run the named (or default) scanners over ``text``, never stopping early."""
    way = _direction(direction)
    chosen = names or list(DEFAULT_GUARDS[way])
    scanners = build_guards(chosen, {n: _settings(n, tier) for n in chosen})
    context = GuardContext(direction=way, system_prompt=system_prompt, canary=canary)
    return CheckOutcome(Pipeline(scanners, stop_on_block=False).run(text, context), way)


@dataclass(frozen=True)
class EvalOutcome:
    """The metrics of one scanner on one dataset, and the ledger index if recorded."""

    scanner: str
    variant: str
    threshold: float
    dataset: Dataset
    metrics: Metrics
    ledger_index: int | None = None

    def recorded(self, index: int) -> EvalOutcome:
        """This outcome, noting the ledger entry that records it."""
        return replace(self, ledger_index=index)

    def as_json(self) -> dict[str, Any]:
        """The JSON form printed by ``--format json``."""
        m = self.metrics
        return {
            "scanner": self.scanner,
            "variant": self.variant,
            "threshold": round(self.threshold, 4),
            "dataset": {"path": self.dataset.path, "digest": self.dataset.digest},
            "n": m.n,
            "positives": m.positives,
            "tpr": round(m.tpr, 4),
            "fpr": round(m.fpr, 4),
            "precision": round(m.precision, 4),
            "f1": round(m.f1, 4),
            "roc_auc": round(m.roc_auc, 4),
            "tpr_at_1pct_fpr": round(m.tpr_at_1pct_fpr, 4),
            "latency_ms": {"p50": round(m.latency_ms_p50, 3), "p99": round(m.latency_ms_p99, 3)},
            "ledger_index": self.ledger_index,
        }


def _threshold(scanner: Guard) -> float:
    return scanner.threshold


def run_evaluation(path: Path, *, scanner: str, tier: str, threshold: float | None) -> EvalOutcome:
    """Load the dataset, build the scanner, score every example and compute the metrics."""
    cls = guard_class(scanner)
    dataset = load_dataset(path)
    instance = cls(_settings(scanner, tier, threshold))
    way = Direction.input if Direction.input in cls.directions else Direction.output
    context = GuardContext(direction=way)

    def score(text: str) -> tuple[float, bool]:
        result = instance.scan(text, context)
        return result.score, result.flagged

    metrics = evaluate(score, dataset)
    variant = tier if scanner == "injection" else "default"
    return EvalOutcome(scanner, variant, _threshold(instance), dataset, metrics)


def describe_guards() -> dict[str, Any]:
    """The registry, the default scanner sets, the artefacts' verification state and whether
    the fast tier scores with the compiled kernel."""
    from sai.guards.injection._compiled import kernel_state

    return {
        "scanners": [
            {
                "name": name,
                "directions": sorted(d.value for d in cls.directions),
                "default_action": cls.default_action.value,
                "summary": (cls.__doc__ or "").strip().splitlines()[0],
            }
            for name, cls in sorted(GUARDS.items())
        ],
        "defaults": {d.value: list(names) for d, names in DEFAULT_GUARDS.items()},
        "artifacts": {
            "directory": str(ARTIFACTS_DIR),
            "files": artifact_digests(),
            "altered": verify_artifacts(),
        },
        "kernel": kernel_state(),
    }


__all__ = [
    "CheckOutcome",
    "EvalOutcome",
    "check_text",
    "describe_guards",
    "run_evaluation",
]
