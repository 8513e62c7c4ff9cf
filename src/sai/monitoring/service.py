"""A monitoring run end to end: measure, raise alerts, record evidence, notify.

``run_data`` judges a data file against the baseline, ``run_text`` a column of texts against
the text baseline; ``run_gateway`` (:mod:`sai.monitoring.gateway_run`) looks at the gateway's
traffic in a period. All end in :func:`sai.monitoring.outcome.finish`.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from sai.ledger import Ledger
from sai.ledger.kinds import MonitoringRun
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring.alerts import Alert
from sai.monitoring.baseline import current_baseline, file_digest
from sai.monitoring.drift import FeatureDrift, choose_tests
from sai.monitoring.gateway_run import run_gateway
from sai.monitoring.multivariate import DomainSettings
from sai.monitoring.outcome import RunOutcome, finish
from sai.monitoring.profile import AGGREGATES, OPEN_CLASSES, VALUES, Profile
from sai.monitoring.profile_files import KeyLookup
from sai.monitoring.text import read_texts, text_alert, text_drift, text_settings
from sai.monitoring.text_reference import text_baseline
from sai.monitoring.windows import DriftRun, run_file

_RAISE = {"info": "warning", "warning": "critical", "critical": "critical"}


def _first_drift(run: DriftRun, name: str) -> int:
    return next(w.start_row for w in run.windows for x in w.features if x.name == name and x.drift)


def _describe(f: FeatureDrift) -> str:
    stat = "no usable values" if f.statistic is None else f"{f.test} {f.statistic:.4g}"
    return stat + ("" if f.p_value is None else f", p={f.p_value:.3g}")


def _drift_alerts(run: DriftRun, spec: MonitoringSpec) -> list[Alert]:
    severity = spec.drift.severity.value
    alerts = [
        Alert(
            "drift",
            f"feature:{f.name}",
            severity,
            f"{f.name} drifted ({_describe(f)}) from row {_first_drift(run, f.name)}",
            None if f.statistic is None else f"{f.statistic:.6g}",
        )
        for f in run.summary()
        if f.drift
    ]
    joint = [w for w in run.windows if w.multivariate and w.multivariate.drift]
    if joint:
        top = max(joint, key=lambda w: w.multivariate.auc if w.multivariate else 0.0)
        auc = top.multivariate.auc if top.multivariate else 0.0
        alerts.append(
            Alert(
                "multivariate_drift",
                f"data:{Path(run.source).name}",
                severity,
                f"a classifier tells current rows from reference rows in {len(joint)} of "
                f"{len(run.windows)} window(s) (ROC-AUC up to {auc:.3f}, from row "
                f"{joint[0].start_row})",
                f"{auc:.6g}",
            )
        )
    drifted = [w for w in run.windows if w.dataset_drift]
    if drifted:
        alerts.append(
            Alert(
                "dataset_drift",
                f"data:{Path(run.source).name}",
                _RAISE[severity],
                f"{len(drifted)} of {len(run.windows)} window(s) drifted as a whole",
                str(len(drifted)),
            )
        )
    return alerts


def _no_sample(profile: Profile, looked_up: bool) -> str:
    if profile.sample_key is None:
        return (
            "multivariate drift not judged: the baseline keeps no row sample "
            f"({profile.sensitivity or 'frozen without one'})"
        )
    if looked_up:
        return (
            "multivariate drift not judged: the domain classifier cannot be judged, the "
            f"baseline's row sample is sealed under data key {profile.sample_key!r}, which no "
            "longer exists (crypto-erased); freeze a new baseline to judge it again"
        )
    return (
        "multivariate drift not judged: the baseline's row sample is sealed under data key "
        f"{profile.sample_key!r} and no key was given to open it"
    )


def run_data(
    ledger: Ledger,
    path: Path,
    spec: MonitoringSpec,
    *,
    actor: str,
    system: str,
    window_rows: int | None = None,
    key_of: KeyLookup | None = None,
) -> RunOutcome:
    """Judge a data file against the current baseline and record the run; ``key_of`` opens
    a sealed row sample (the domain classifier is not judged without it)."""
    baseline, profile = current_baseline(ledger, key_of)
    tests = choose_tests(
        profile,
        {k: v.value for k, v in spec.drift.tests.items()},
        {k.value: v for k, v in spec.drift.thresholds.items()},
    )
    mv = spec.multivariate
    domain = DomainSettings(mv.max_rows, mv.alpha, mv.min_auc) if mv.enabled else None
    run = run_file(profile, tests, path, window_rows=window_rows or spec.window_rows, domain=domain)
    windows = tuple(dataclasses.replace(w, drift_share=spec.drift.drift_share) for w in run.windows)
    warnings = run.warnings
    if baseline.form == VALUES and baseline.sensitivity not in OPEN_CLASSES:
        warnings = (
            *warnings,
            "the baseline keeps reference values: it was frozen before baselines of "
            "unclassified or sensitive data kept aggregates; unless the data is public, freeze "
            "it again with `sai monitor baseline` and delete the old folder",
        )
    if domain is not None and not profile.sample:
        warnings = (*warnings, _no_sample(profile, key_of is not None))
    if profile.form == AGGREGATES and profile.sample and profile.sample_key is None:
        warnings = (
            *warnings,
            "the baseline's banded row sample is not sealed under a data key, so a crypto-erase "
            "does not reach it; freeze the reference again with `sai monitor baseline`",
        )
    run = DriftRun(run.source, windows, run.ignored_columns, warnings)
    judged = [w.multivariate for w in windows if w.multivariate is not None]
    now = datetime.now(UTC).isoformat()
    payload = MonitoringRun(
        source=f"file:{path}",
        source_digest=file_digest(path),
        rows=run.rows,
        windows=len(windows),
        analyses=("drift", "multivariate") if judged else ("drift",),
        alerts=(),
        alerting=spec.alerting,
        period_start=now,
        period_end=now,
        baseline_id=baseline.baseline_id,
        drifted=tuple(f.name for f in run.summary() if f.drift),
        drifted_windows=sum(w.dataset_drift for w in windows),
        multivariate_windows=sum(m.drift for m in judged),
    )
    outcome = RunOutcome(f"file:{path}", run.rows, run.summary(), windows, warnings=warnings)
    return finish(ledger, outcome, payload, _drift_alerts(run, spec), spec, actor, system)


def run_text(
    ledger: Ledger, path: Path, column: str, spec: MonitoringSpec, *, actor: str, system: str
) -> RunOutcome:
    """Judge a column of texts against the text baseline (MMD on MiniLM embeddings)."""
    baseline, reference = text_baseline(ledger)
    settings = text_settings(spec)
    texts = read_texts(path, column, settings.max_texts)
    result = text_drift(f"text:{column}", reference, texts, settings)
    now = datetime.now(UTC).isoformat()
    payload = MonitoringRun(
        source=f"file:{path}",
        source_digest=file_digest(path),
        rows=result.rows,
        windows=1,
        analyses=("text_drift",),
        alerts=(),
        alerting=spec.alerting,
        period_start=now,
        period_end=now,
        baseline_id=baseline.baseline_id,
        drifted=(result.name,) if result.drift else (),
    )
    alerts = [text_alert(result, spec)] if result.drift else []
    outcome = RunOutcome(f"file:{path}", result.rows, (result,))
    return finish(ledger, outcome, payload, alerts, spec, actor, system)


__all__ = ["RunOutcome", "run_data", "run_gateway", "run_text"]
