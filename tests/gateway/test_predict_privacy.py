"""A model trained on personal data: the gateway's feature log keeps bands, not inputs."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import joblib
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from sai.gateway.config import config_from_manifest
from sai.manifest import load_manifest_bytes
from sai.monitoring.baseline import freeze
from sai.web.gate import scanned_model
from tests.gateway.conftest import running_gateway
from tests.monitoring.test_personal_log import MARKERS, assert_no_raw_values

MANIFEST = b"""\
version: 1
name: privacy
intended_use: Tests which models keep a banded feature log.
roles: [developer]
people: {owners: [{name: Ops}], security_contact: security@example.org}
models:
  - {name: scorer, path: m.joblib, format: joblib, source: in-house, trained_on: [people]}
  - {name: weather, path: w.joblib, format: joblib, source: in-house, trained_on: [skies]}
datasets:
  - {name: people, path: p.csv, sensitivity: personal, audience: [user]}
  - {name: skies, path: s.csv, sensitivity: public}
"""


def test_models_trained_on_personal_data_are_named(tmp_path: Path) -> None:
    for name in ("m.joblib", "w.joblib", "p.csv", "s.csv"):
        (tmp_path / name).write_bytes(b"x")
    loaded = load_manifest_bytes(MANIFEST, path=tmp_path / "sai.yaml")
    config = config_from_manifest(loaded, upstream="http://127.0.0.1:9/v1", env={})
    assert config.personal_models == frozenset({"scorer"})


def test_predict_log_of_a_personal_model_holds_no_input(
    tmp_path: Path, workspace_dir: Path
) -> None:
    rng = np.random.default_rng(2)
    train = rng.normal(size=(500, 3))
    model = LogisticRegression().fit(train, train[:, 0] > 0)
    path = tmp_path / "m.joblib"
    joblib.dump(model, path)
    reference = tmp_path / "train.csv"
    pd.DataFrame(train, columns=["a", "b", "c"]).to_csv(reference, index=False)
    root = workspace_dir
    with running_gateway(
        root,
        predict_models=MappingProxyType({"scorer": path}),
        personal_models=frozenset({"scorer"}),
        model_gate=scanned_model,
    ) as harness:
        freeze(reference, tmp_path / "baselines", harness.ledger, actor="t")
        rows = [list(MARKERS), *rng.normal(size=(9, 3)).tolist()]
        with harness.http() as http:
            answer = http.post("/v1/predict", json={"model": "scorer", "inputs": rows})
        assert answer.status_code == 200
    segments = list((root / ".sai" / "monitoring" / "features").glob("*.parquet"))
    assert len(segments) == 1
    table = pd.read_parquet(segments[0])
    assert len(table) == 10
    assert not any(c.startswith("f") for c in table.columns)
    assert_no_raw_values(root)
