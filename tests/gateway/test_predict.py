"""`/v1/predict`: a scanned scikit-learn model answers; an unsafe pickle is never loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import joblib
from sklearn.linear_model import LogisticRegression

from sai.web.gate import scanned_model
from tests.gateway.conftest import Harness

EVIL = b"cos\nsystem\n(S'echo pwned'\ntR."


def test_predict_and_unsafe_model(tmp_path: Path, make_gateway: Callable[..., Harness]) -> None:
    model = LogisticRegression().fit([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]], [0, 1, 0, 1])
    good = tmp_path / "good.joblib"
    joblib.dump(model, good)
    evil = tmp_path / "evil.pkl"
    evil.write_bytes(EVIL)
    harness = make_gateway(
        predict_models=MappingProxyType({"risk": good, "evil": evil}), model_gate=scanned_model
    )
    with harness.http() as http:
        answer = http.post("/v1/predict", json={"model": "risk", "inputs": [[1, 1], [0, 0]]})
        assert answer.status_code == 200
        assert answer.json()["predictions"] == [1, 0]
        assert answer.json()["model_digest"].startswith("sha256:")
        refused = http.post("/v1/predict", json={"model": "evil", "inputs": [[1]]})
        assert refused.status_code == 503
        assert refused.json()["error"]["code"] == "model_unsafe"
        bad = http.post("/v1/predict", json={"model": "risk", "inputs": [["x"]]})
        assert bad.status_code == 400
        assert http.post("/v1/predict", json={"model": "nope", "inputs": [[1]]}).status_code == 404
    assert not (tmp_path / "pwned").exists()


def test_without_a_scanner_no_local_model_is_loaded(
    tmp_path: Path, make_gateway: Callable[..., Harness]
) -> None:
    good = tmp_path / "good.joblib"
    joblib.dump(LogisticRegression().fit([[0.0], [1.0]], [0, 1]), good)
    harness = make_gateway(predict_models=MappingProxyType({"risk": good}))
    with harness.http() as http:
        answer = http.post("/v1/predict", json={"model": "risk", "inputs": [[1]]})
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "model_unscanned"
