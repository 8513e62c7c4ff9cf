"""What a monitoring run found and where it was recorded, as the CLI, reports and the demo
read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sai.monitoring import extraction, security
from sai.monitoring.alerts import Alert
from sai.monitoring.drift import FeatureDrift
from sai.monitoring.notify import Delivery
from sai.monitoring.performance import InternalStates
from sai.monitoring.windows import WindowDrift


@dataclass(frozen=True)
class RunOutcome:
    """What one run found and where it was recorded."""

    source: str
    rows: int
    features: tuple[FeatureDrift, ...] = ()
    windows: tuple[WindowDrift, ...] = ()
    alerts: tuple[tuple[str, Alert, str | None], ...] = ()
    extraction: tuple[extraction.KeyScore, ...] = ()
    security: tuple[security.SignalSeries, ...] = ()
    internal: InternalStates | None = None
    routes: tuple[FeatureDrift, ...] = ()
    warnings: tuple[str, ...] = ()
    entry: int | None = None
    delivery: Delivery | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The run as ``sai monitor run --format json`` prints it."""
        return {
            "source": self.source,
            "rows": self.rows,
            "features": [f.as_json() for f in self.features],
            "alerts": [a.as_json() | {"id": i, "owner": o} for i, a, o in self.alerts],
            "windows": [w.as_json() for w in self.windows],
            "multivariate": [
                {"window": w.index, "start_row": w.start_row} | w.multivariate.as_json()
                for w in self.windows
                if w.multivariate
            ],
            "extraction": [
                {
                    "key_id": s.key_id,
                    "queries": s.queries,
                    "novelty": round(s.novelty, 4),
                    "shape": round(s.shape, 4),
                    "flagged": s.flagged,
                }
                for s in self.extraction
            ],
            "security": security.summary(list(self.security)),
            "internal_states": self.internal.as_json() if self.internal else None,
            "routes": [r.as_json() for r in self.routes],
            "warnings": list(self.warnings),
            "entry": self.entry,
            "notification": self.delivery.detail if self.delivery else None,
        }


__all__ = ["RunOutcome"]
