"""What `sai guard check / eval / list` do, and how their results print (text or JSON)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sai.guards.base import Direction, GuardContext, Scanner, ScannerSettings
from sai.guards.errors import GuardConfigError
from sai.guards.evaluate import Dataset, Metrics, evaluate, load_dataset
from sai.guards.injection.artifacts import ARTIFACTS_DIR, artifact_digests, verify_artifacts
from sai.guards.pipeline import Pipeline, PipelineResult
from sai.guards.registry import DEFAULT_SCANNERS, SCANNERS, build_scanners, scanner_class


def _direction(value: str) -> Direction:
    try:
        return Direction(value)
    except ValueError:
        raise GuardConfigError(
            f"--direction {value!r} is not a direction", hint="use input or output"
        ) from None


def _settings(name: str, tier: str, threshold: float | None = None) -> ScannerSettings:
    options = (("tier", tier),) if name == "injection" else ()
    return ScannerSettings(threshold=threshold, options=options)


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
    chosen = names or list(DEFAULT_SCANNERS[way])
    scanners = build_scanners(chosen, {n: _settings(n, tier) for n in chosen})
    context = GuardContext(direction=way, system_prompt=system_prompt, canary=canary)
    return CheckOutcome(Pipeline(scanners, stop_on_block=False).run(text, context), way)


def render_check(outcome: CheckOutcome, console: Console) -> None:
    """A table of verdicts, then the text to pass on when something was redacted."""
    table = Table(title=f"guard check ({outcome.direction.value}): {outcome.pipeline.action}")
    for column in ("scanner", "action", "score", "reason"):
        table.add_column(column)
    for r in outcome.pipeline.results:
        table.add_row(r.scanner, r.action.value, f"{r.score:.3f}", r.reason)
    console.print(table)
    if any(r.redacted is not None for r in outcome.pipeline.results):
        console.print("redacted text:", style="bold")
        console.print(outcome.pipeline.text, markup=False)


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


def _threshold(scanner: Scanner) -> float:
    return scanner.threshold


def run_evaluation(path: Path, *, scanner: str, tier: str, threshold: float | None) -> EvalOutcome:
    """Load the dataset, build the scanner, score every example and compute the metrics."""
    cls = scanner_class(scanner)
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


def render_metrics(outcome: EvalOutcome, console: Console) -> None:
    """The metrics as a two-column table."""
    m = outcome.metrics
    table = Table(title=f"{outcome.scanner} ({outcome.variant}) on {outcome.dataset.path}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    rows = (
        ("examples (positives)", f"{m.n} ({m.positives})"),
        ("threshold", f"{outcome.threshold:.3f}"),
        ("TPR (recall)", f"{m.tpr:.4f}"),
        ("FPR", f"{m.fpr:.4f}"),
        ("precision", f"{m.precision:.4f}"),
        ("F1", f"{m.f1:.4f}"),
        ("ROC-AUC", f"{m.roc_auc:.4f}"),
        ("TPR at 1% FPR", f"{m.tpr_at_1pct_fpr:.4f}"),
        ("latency p50 (ms)", f"{m.latency_ms_p50:.3f}"),
        ("latency p99 (ms)", f"{m.latency_ms_p99:.3f}"),
        ("dataset digest", outcome.dataset.digest),
    )
    for name, value in rows:
        table.add_row(name, value)
    if outcome.ledger_index is not None:
        table.add_row("recorded as ledger entry", str(outcome.ledger_index))
    console.print(table)


def describe_scanners() -> dict[str, Any]:
    """The registry, the default scanner sets and the artefacts' verification state."""
    return {
        "scanners": [
            {
                "name": name,
                "directions": sorted(d.value for d in cls.directions),
                "default_action": cls.default_action.value,
                "summary": (cls.__doc__ or "").strip().splitlines()[0],
            }
            for name, cls in sorted(SCANNERS.items())
        ],
        "defaults": {d.value: list(names) for d, names in DEFAULT_SCANNERS.items()},
        "artifacts": {
            "directory": str(ARTIFACTS_DIR),
            "files": artifact_digests(),
            "altered": verify_artifacts(),
        },
    }


def render_scanners(description: dict[str, Any], console: Console) -> None:
    """The registry as a table, then the artefact digests."""
    table = Table(title="guard scanners")
    for column in ("name", "directions", "default action", "what it finds"):
        table.add_column(column)
    for item in description["scanners"]:
        table.add_row(
            item["name"], ", ".join(item["directions"]), item["default_action"], item["summary"]
        )
    console.print(table)
    for direction, names in description["defaults"].items():
        console.print(f"default {direction} scanners: {', '.join(names)}")
    altered = set(description["artifacts"]["altered"])
    for name, digest in description["artifacts"]["files"].items():
        state = "ALTERED" if name in altered else "ok"
        console.print(f"artefact {name}: {digest} [{state}]", markup=False)


__all__ = [
    "CheckOutcome",
    "EvalOutcome",
    "check_text",
    "describe_scanners",
    "render_check",
    "render_metrics",
    "render_scanners",
    "run_evaluation",
]
