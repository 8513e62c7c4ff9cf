"""The demo's monitoring step: freeze the training data as the baseline, judge a normal and a
drifted batch, then send normal predict traffic and an extraction sweep through the gateway
and let the monitor find both. An alert is acknowledged with a reason, as a person would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import numpy as np
import pandas as pd

from sai.gateway.predict import ModelGate
from sai.inventory.seal import data_key, data_key_if_any
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.monitoring.alerts import AlertStatus, handle_alert, list_alerts
from sai.monitoring.baseline import freeze, sample_key_name, sensitivity_of
from sai.monitoring.markdown import render_markdown
from sai.monitoring.report import render_html
from sai.monitoring.runstore import load_run
from sai.monitoring.service import run_data, run_gateway, run_text
from sai.monitoring.text import text_settings
from sai.monitoring.text_reference import freeze_text
from sai.workspace import Workspace

_SEED = 16
_LABEL = "default"


@dataclass(frozen=True)
class MonitoringDemo:
    """What the monitor found in the demo."""

    normal_drifted: tuple[str, ...]
    drifted: tuple[str, ...]
    flagged_keys: tuple[str, ...]
    scraper_key: str
    #: ROC-AUC of the domain classifier on the drifted batch (None when it did not run).
    drifted_auc: float | None = None
    #: Whether reviewer prompts with off-topic questions mixed in drifted (None: no sai[ml]).
    prompts_drifted: bool | None = None


def _batches(dataset: Path, out: Path) -> tuple[Path, Path]:
    rng = np.random.default_rng(_SEED)
    train = pd.read_csv(dataset).drop(columns=[_LABEL])
    normal = train.sample(1500, replace=True, random_state=_SEED).reset_index(drop=True)
    drifted = normal.copy()
    drifted["income_k"] = drifted["income_k"] * 1.6
    drifted["late_payments"] = drifted["late_payments"] + rng.poisson(2.0, len(drifted))
    out.mkdir(parents=True, exist_ok=True)
    normal.to_csv(out / "batch-normal.csv", index=False)
    drifted.to_csv(out / "batch-drifted.csv", index=False)
    return out / "batch-normal.csv", out / "batch-drifted.csv"


def _predict_traffic(
    ledger: Ledger,
    loaded: LoadedManifest,
    dataset: Path,
    actor: str,
    model_gate: ModelGate | None,
) -> str:
    from sai.gateway.config import config_for, personal_models
    from sai.gateway.keys import create_key
    from sai.gateway.server import create_app, serve_in_thread

    models = {m.name: loaded.resolve(m.path) for m in loaded.manifest.models if m.path}
    config = config_for(
        None,
        gateway=loaded.manifest.gateway,
        predict_models=models,
        personal_models=personal_models(loaded.manifest),
    )
    roles = tuple(config.roles)
    keys = {
        n: create_key(ledger, n, "user", roles=roles, actor=actor)
        for n in ("scoring-app", "branch-tool", "unknown-scraper")
    }
    train = pd.read_csv(dataset).drop(columns=[_LABEL]).to_numpy()
    low, high = train.min(axis=0), train.max(axis=0)
    rng = np.random.default_rng(_SEED)
    model = next(iter(models))
    gateway = serve_in_thread(create_app(config, ledger, model_gate=model_gate))
    try:
        with httpx.Client(base_url=gateway.url, timeout=20) as client:
            for _ in range(5):
                for name, key in keys.items():
                    if name == "unknown-scraper":
                        rows = rng.uniform(
                            low - 0.5 * (high - low),
                            high + 0.5 * (high - low),
                            (20, train.shape[1]),
                        )
                    else:
                        rows = train[rng.integers(0, len(train), 20)]
                    client.post(
                        "/v1/predict",
                        json={"model": model, "inputs": rows.tolist()},
                        headers={"Authorization": f"Bearer {key.secret}"},
                    )
    finally:
        gateway.stop()
    return keys["unknown-scraper"].key.key_id


def run_monitoring_demo(
    ledger: Ledger,
    loaded: LoadedManifest,
    dataset: Path,
    store: Path,
    out: Path,
    *,
    actor: str,
    workspace: Workspace,
    model_gate: ModelGate | None = None,
) -> MonitoringDemo:
    """Run the demo's monitoring round against ``ledger``; reports go to ``out``."""
    spec, system = loaded.manifest.monitoring, loaded.manifest.name
    sensitivity = sensitivity_of(loaded, dataset)  # personal: the baseline keeps aggregates
    # NOTE: its banded row sample is sealed under the dataset's own data key
    name = sample_key_name(loaded, dataset)
    purpose = "seal the monitoring baseline's row sample"
    key = data_key(ledger, workspace, name, actor=actor, purpose=purpose)
    freeze(
        dataset,
        store,
        ledger,
        actor=actor,
        ignore=(_LABEL,),
        sensitivity=sensitivity,
        sample_key=(name, key),
    )
    normal_file, drifted_file = _batches(dataset, out)

    def key_of(wanted: str) -> bytes | None:
        return data_key_if_any(workspace, wanted)

    normal = run_data(ledger, normal_file, spec, actor=actor, system=system, key_of=key_of)
    drifted = run_data(ledger, drifted_file, spec, actor=actor, system=system, key_of=key_of)
    (out / "drift.html").write_text(render_html(drifted, title=system), encoding="utf-8")
    since = datetime.now(UTC)
    scraper = _predict_traffic(ledger, loaded, dataset, actor, model_gate)
    traffic = run_gateway(ledger, spec, actor=actor, system=system, since=since)
    (out / "gateway.html").write_text(render_html(traffic, title=system), encoding="utf-8")
    entry, data, _ = load_run(ledger)
    states = {s.alert_id: s for s in list_alerts(ledger)}
    report = render_markdown(data, entry.index, entry.evidence.time.isoformat(), states)
    (out / "report.md").write_text(report, encoding="utf-8")
    flagged = tuple(a.subject for _, a, _ in traffic.alerts if a.kind == "extraction")
    for alert_id, alert, _ in traffic.alerts:
        if alert.kind == "extraction":
            handle_alert(
                ledger,
                alert_id,
                AlertStatus.acknowledged,
                "demo: key under investigation, rate limit lowered",
                actor=actor,
            )
    judged = drifted.windows[0].multivariate if drifted.windows else None
    return MonitoringDemo(
        tuple(f.name for f in normal.features if f.drift),
        tuple(f.name for f in drifted.features if f.drift),
        flagged,
        scraper,
        judged.auc if judged else None,
        _prompt_drift(ledger, loaded, store, out, actor),
    )


_ON_TOPIC = (
    "Why did applicant {n} get a risk score this high?",
    "Which feature raised the score of application {n} most?",
    "Explain to the reviewer how late payments affect application {n}.",
    "Is the income of applicant {n} enough for the requested amount?",
)
_OFF_TOPIC = (
    "Write a poem about the sea, number {n}.",
    "What is the capital of country number {n}?",
    "Recommend {n} films for a rainy evening.",
)


def _prompt_drift(
    ledger: Ledger, loaded: LoadedManifest, store: Path, out: Path, actor: str
) -> bool | None:
    """Freeze 40 on-topic reviewer prompts, then judge 30, half of them off-topic (MiniLM, MMD)."""
    from sai.guards.injection import semantic_available

    if not semantic_available():
        return None
    rng = np.random.default_rng(_SEED)

    def prompts(templates: tuple[str, ...], n: int) -> list[str]:
        return [str(rng.choice(templates)).format(n=int(rng.integers(1, 999))) for _ in range(n)]

    pd.DataFrame({"text": prompts(_ON_TOPIC, 40)}).to_csv(out / "prompts-ref.csv", index=False)
    mixed = prompts(_ON_TOPIC, 15) + prompts(_OFF_TOPIC, 15)
    pd.DataFrame({"text": mixed}).to_csv(out / "prompts-today.csv", index=False)
    spec, system = loaded.manifest.monitoring, loaded.manifest.name
    freeze_text(
        out / "prompts-ref.csv", "text", store, ledger, actor=actor, settings=text_settings(spec)
    )
    run = run_text(ledger, out / "prompts-today.csv", "text", spec, actor=actor, system=system)
    return run.features[0].drift


__all__ = ["MonitoringDemo", "run_monitoring_demo"]
