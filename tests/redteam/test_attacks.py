"""Classic-model attacks: separation of overfit and regularised models, reference results,
reproducibility, and the contract every registered attack keeps."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import joblib
import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression

from sai.manifest.schema import GatewayPolicies, GatewaySpec
from sai.redteam.attacks import ATTACKS, ClassicData
from sai.redteam.attacks.evasion import Evasion
from sai.redteam.attacks.extraction import ModelExtraction
from sai.redteam.attacks.membership import MembershipInference
from sai.redteam.model import Severity
from sai.redteam.targets import LocalModelTarget, PredictTarget


def _data(seed: int = 1) -> ClassicData:
    x, y = make_classification(
        n_samples=600, n_features=8, n_informative=5, flip_y=0.15, random_state=seed
    )
    return ClassicData(x[:300], y[:300], x[300:], y[300:])


@pytest.fixture(scope="module")
def data() -> ClassicData:
    return _data()


@pytest.fixture(scope="module")
def overfit(data: ClassicData) -> RandomForestClassifier:
    return RandomForestClassifier(n_estimators=30, random_state=0).fit(
        data.members_x, data.members_y
    )


@pytest.fixture(scope="module")
def regularised(data: ClassicData) -> LogisticRegression:
    return LogisticRegression(C=0.05).fit(data.members_x, data.members_y)


class TestMembershipInference:
    def test_separates_an_overfit_model_from_a_regularised_one(
        self, data: ClassicData, overfit: object, regularised: object
    ) -> None:
        attack = MembershipInference(shadows=8)
        leaky = attack.run(LocalModelTarget(overfit), data, seed=0)
        tight = attack.run(LocalModelTarget(regularised), data, seed=0)
        assert leaky.metrics["auc_bp"] >= 7_000
        assert leaky.metrics["advantage_bp"] >= 3_000
        assert leaky.severity is Severity.high
        assert tight.metrics["advantage_bp"] <= 1_200
        assert tight.metrics["auc_bp"] <= 5_800
        assert leaky.metrics["tpr_at_1pct_fpr_bp"] > tight.metrics["tpr_at_1pct_fpr_bp"]

    def test_is_reproducible_with_a_seed(self, data: ClassicData, overfit: object) -> None:
        first = MembershipInference(shadows=4).run(LocalModelTarget(overfit), data, seed=4)
        again = MembershipInference(shadows=4).run(LocalModelTarget(overfit), data, seed=4)
        assert first == again

    def test_uses_one_batch_of_target_queries(self, data: ClassicData, overfit: object) -> None:
        target = LocalModelTarget(overfit)
        MembershipInference(shadows=2).run(target, data, seed=0)
        assert target.queries == 600


class TestExtraction:
    def test_agreement_grows_with_the_budget(self, data: ClassicData, regularised: object) -> None:
        outcome = ModelExtraction().run(LocalModelTarget(regularised), data, seed=0)
        m = outcome.metrics
        assert m["agreement_100_bp"] <= m["agreement_10000_bp"]
        assert m["agreement_10000_bp"] >= 9_500  # a linear model is easy to copy
        assert m["queries"] == 10_000


class TestEvasion:
    def test_finds_the_minimal_perturbation_of_a_linear_model(self, data: ClassicData) -> None:
        model = LogisticRegression(C=1.0).fit(data.members_x, data.members_y)
        pool = data.non_members_x
        mean, scale = pool.mean(axis=0), pool.std(axis=0) + 1e-12
        w = model.coef_[0] * scale
        b = model.intercept_[0] + model.coef_[0] @ mean
        chosen = np.random.default_rng(0).permutation(len(pool))[:20]
        optimum = np.abs(((pool[chosen] - mean) / scale) @ w + b) / np.linalg.norm(w)
        found = np.array(Evasion(samples=20).distances(LocalModelTarget(model), data, seed=0))
        assert np.all(found >= optimum * 0.999)  # nothing closer than the true boundary
        assert np.all(found <= optimum * 1.05)  # and within 5% of it


@pytest.mark.parametrize("name", sorted(ATTACKS))
class TestAttackContract:
    def test_outcome_is_typed_and_deterministic(
        self, name: str, data: ClassicData, regularised: object
    ) -> None:
        attack = ATTACKS[name]()
        first = attack.run(LocalModelTarget(regularised), data, seed=2)
        assert first.attack == name
        assert first.category is attack.category
        assert all(isinstance(v, int) for v in first.metrics.values())
        assert first == ATTACKS[name]().run(LocalModelTarget(regularised), data, seed=2)


class TestPredictTarget:
    def test_attacks_through_the_gateway_predict_route(
        self, tmp_path: Path, workspace_dir: Path, data: ClassicData, overfit: object
    ) -> None:
        from sai.web.gate import scanned_model
        from tests.gateway.conftest import running_gateway

        path = tmp_path / "model.joblib"
        joblib.dump(overfit, path)
        spec = GatewaySpec(policies=GatewayPolicies(requests_per_minute=600))
        with running_gateway(
            workspace_dir,
            gateway=spec,
            predict_models=MappingProxyType({"risk": path}),
            model_gate=scanned_model,
        ) as gateway:
            remote = PredictTarget(f"{gateway.url}/v1", "risk", api_key=gateway.keys["user"])
            try:
                via_gateway = MembershipInference().run(remote, data, seed=0)
            finally:
                remote.close()
        local = MembershipInference().run(LocalModelTarget(overfit), data, seed=0)
        # the remote target has no model to clone: its shadows are random forests too here
        assert via_gateway.metrics["auc_bp"] == pytest.approx(local.metrics["auc_bp"], abs=300)
        assert remote.describe()["digest"].startswith("sha256:")
