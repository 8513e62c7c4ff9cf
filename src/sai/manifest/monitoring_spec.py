"""The `monitoring:` section of sai.yaml: windows, drift tests and thresholds, alert routing.

Every setting has a default that matches docs/monitoring.md, so a project without the section
still monitors with Evidently-compatible choices; alerting counts as configured only when the
section names an owner for alerts (and optionally an Alertmanager webhook).
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, Field, Strict

from sai.manifest._types import STRICT_MODEL, HttpUrl, Identifier, Line, PositiveInt

Share = Annotated[float, Strict(), Field(gt=0, le=1)]
Positive = Annotated[float, Strict(), Field(gt=0, le=1_000_000)]


class _Strict(BaseModel):
    model_config = STRICT_MODEL


class DriftTestName(enum.StrEnum):
    """The drift tests a feature may be given instead of the default choice."""

    ks = "ks"
    wasserstein = "wasserstein"
    chisquare = "chisquare"
    z = "z"
    jensenshannon = "jensenshannon"
    psi = "psi"


class Severity(enum.StrEnum):
    """How urgent an alert is (Alertmanager's ``severity`` label)."""

    info = "info"
    warning = "warning"
    critical = "critical"


class DriftSettings(_Strict):
    """Which test judges each feature and where its threshold lies."""

    tests: dict[Line, DriftTestName] = {}
    """Per-feature test overrides, by column name."""
    thresholds: dict[DriftTestName, Positive] = {}
    """Thresholds per test: a p-value for ks/chisquare/z, a distance for the others."""
    drift_share: Share = 0.5
    """Share of drifted features at which a whole window counts as drifted."""
    severity: Severity = Severity.warning
    """Severity of a feature-drift alert (a drifted window is one level higher)."""


class SecuritySettings(_Strict):
    """Change-point detection on the gateway's traffic (Page-Hinkley, docs/monitoring.md)."""

    bucket_seconds: PositiveInt = 60
    """Length of one time bucket of the rate series."""
    delta: Annotated[float, Strict(), Field(ge=0, le=1)] = 0.005
    """Slack per bucket: rate increases smaller than this are not accumulated."""
    threshold: Positive = 0.5
    """Page-Hinkley alarm level on the accumulated rate increase."""
    min_requests: PositiveInt = 20
    """Requests a key or role needs in the period before its rates are judged."""
    latency_ratio: Positive = 3.0
    """p95 latency this many times the period's first half raises a latency alert."""


class ExtractionSettings(_Strict):
    """The model-extraction detector on ``/v1/predict`` (sampled feature log)."""

    min_queries: PositiveInt = 50
    """Queries a key needs before it is judged."""
    novelty: Share = 0.5
    """Share of a key's queries outside the reference's typical region that flags it."""
    shape: Share = 0.3
    """Mean KS distance (over features) of a key's queries from the reference's shape that
    flags it."""
    sample_rate: Share = 1.0
    """Share of ``/v1/predict`` rows the gateway writes to the feature log."""


class MultivariateSettings(_Strict):
    """The domain classifier that judges whole rows of each window (docs/monitoring.md)."""

    enabled: bool = True
    """Whether ``sai monitor run --data`` runs it (about a second per window)."""
    max_rows: Annotated[int, Strict(), Field(ge=50, le=100_000)] = 1_000
    """Rows taken from the window, and as many from the reference sample."""
    alpha: Annotated[float, Strict(), Field(gt=0, lt=0.5)] = 0.01
    """Permutation p-value below which the window drifts."""
    min_auc: Annotated[float, Strict(), Field(ge=0.5, le=1)] = 0.55
    """ROC-AUC the classifier must also reach (an effect size, for large windows)."""


class TextSettings(_Strict):
    """Text drift of prompts on MiniLM embeddings (needs ``sai[ml]``)."""

    max_texts: Annotated[int, Strict(), Field(ge=20, le=10_000)] = 500
    """Texts embedded per side (a seeded sample when there are more)."""
    alpha: Annotated[float, Strict(), Field(gt=0, lt=0.5)] = 0.01
    """Permutation p-value of the MMD below which the texts drift."""
    min_texts: Annotated[int, Strict(), Field(ge=10, le=10_000)] = 20
    """Texts a window needs before it is judged."""


class MonitoringSpec(_Strict):
    """How sai watches the running system (principle 12)."""

    window_rows: PositiveInt = 100_000
    """Rows per window of a data file."""
    drift: DriftSettings = DriftSettings()
    """Per-feature drift."""
    security: SecuritySettings = SecuritySettings()
    """Attack and failure signals in gateway traffic."""
    extraction: ExtractionSettings = ExtractionSettings()
    """The model-extraction detector."""
    multivariate: MultivariateSettings = MultivariateSettings()
    """Multivariate drift by a domain classifier."""
    text: TextSettings = TextSettings()
    """Text drift of prompts."""
    owners: dict[Identifier, Line] = {}
    """Who owns each alert kind (``drift``, ``security``, ``extraction``, ``performance``,
    ``data_quality``); ``default`` covers the rest. Alerting is configured when this is set."""
    alertmanager_url: HttpUrl | None = None
    """Alertmanager's ``/api/v2/alerts`` endpoint; sai POSTs every new alert there."""
    acknowledge_within_hours: PositiveInt = 24
    """Hours an alert may stay open without acknowledgement before the checks fail."""
    max_age_hours: PositiveInt = 168
    """Hours a monitoring run stays current for the checks."""
    min_accuracy: Share = 0.8
    """Accuracy (measured with labels or estimated without) below which a window alerts."""

    def owner(self, kind: str) -> str | None:
        """The owner of alerts of ``kind``: its own, else ``default``, else None."""
        return self.owners.get(kind) or self.owners.get("default")

    @property
    def alerting(self) -> bool:
        """Whether alerts reach someone: an owner is named."""
        return bool(self.owners)


__all__ = [
    "DriftSettings",
    "DriftTestName",
    "ExtractionSettings",
    "MonitoringSpec",
    "MultivariateSettings",
    "SecuritySettings",
    "Severity",
    "TextSettings",
]
