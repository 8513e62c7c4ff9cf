"""The local ONNX target: scanned before loading, probabilities equal to the model it exports,
and the classic attacks through it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from sai.redteam.attacks import ClassicData
from sai.redteam.attacks.extraction import ModelExtraction
from sai.redteam.attacks.membership import MembershipInference
from sai.redteam.errors import TargetError
from sai.redteam.targets import MODEL_TARGETS, LocalModelTarget, OnnxModelTarget
from sai.redteam.targets.onnx_model import probabilities

FEATURES = 6


def _fitted() -> tuple[LogisticRegression, ClassicData]:
    x, y = make_classification(
        n_samples=400, n_features=FEATURES, n_informative=4, flip_y=0.1, random_state=4
    )
    data = ClassicData(x[:200], y[:200], x[200:], y[200:])
    return LogisticRegression(C=0.5).fit(data.members_x, data.members_y), data


def _save(graph: onnx.GraphProto, path: Path, ml: bool = False) -> Path:
    opsets = [helper.make_opsetid("", 17)] + ([helper.make_opsetid("ai.onnx.ml", 3)] if ml else [])
    model = helper.make_model(graph, opset_imports=opsets, ir_version=9)
    onnx.checker.check_model(model)
    path.write_bytes(model.SerializeToString())
    return path


def _tensor_export(model: LogisticRegression, path: Path) -> Path:
    """Softmax over [0, x·w + b]: exactly logistic regression's two class probabilities."""
    weights = np.stack([np.zeros(FEATURES), model.coef_[0]], axis=1).astype(np.float32)
    bias = np.array([0.0, model.intercept_[0]], dtype=np.float32)
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "w"], ["scores"]),
            helper.make_node("Add", ["scores", "b"], ["logits"]),
            helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
        ],
        "logreg",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, FEATURES])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])],
        initializer=[numpy_helper.from_array(weights, "w"), numpy_helper.from_array(bias, "b")],
    )
    return _save(graph, path)


def _zipmap_export(model: LogisticRegression, path: Path) -> Path:
    """The shape skl2onnx gives classifiers: a label output, then a ZipMap of probabilities."""
    coefficients = [0.0] * FEATURES + [float(c) for c in model.coef_[0]]
    graph = helper.make_graph(
        [
            helper.make_node(
                "LinearClassifier",
                ["x"],
                ["label", "scores"],
                domain="ai.onnx.ml",
                coefficients=coefficients,
                intercepts=[0.0, float(model.intercept_[0])],
                classlabels_ints=[0, 1],
                post_transform="SOFTMAX",
            ),
            helper.make_node(
                "ZipMap",
                ["scores"],
                ["probabilities"],
                domain="ai.onnx.ml",
                classlabels_int64s=[0, 1],
            ),
        ],
        "logreg-zipmap",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, FEATURES])],
        [
            helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
            helper.make_value_info(
                "probabilities",
                helper.make_sequence_type_proto(
                    helper.make_map_type_proto(
                        TensorProto.INT64, helper.make_tensor_type_proto(TensorProto.FLOAT, [])
                    )
                ),
            ),
        ],
    )
    return _save(graph, path, ml=True)


class TestOnnxTarget:
    def test_is_registered_as_a_model_target(self) -> None:
        assert MODEL_TARGETS["onnx"] is OnnxModelTarget

    @pytest.mark.parametrize("export", [_tensor_export, _zipmap_export])
    def test_probabilities_equal_the_exported_model(self, export: object, tmp_path: Path) -> None:
        model, data = _fitted()
        path = export(model, tmp_path / "model.onnx")  # type: ignore[operator]
        target = OnnxModelTarget.load(path, name="risk")
        got = target.predict_proba(data.non_members_x)
        assert got.shape == (200, 2)
        np.testing.assert_allclose(got, model.predict_proba(data.non_members_x), atol=1e-5)
        assert target.queries == 200
        assert target.describe()["digest"].startswith("sha256:")
        assert target.describe()["kind"] == "onnx"

    def test_attacks_agree_with_the_same_model_in_memory(self, tmp_path: Path) -> None:
        model, data = _fitted()
        target = OnnxModelTarget.load(_tensor_export(model, tmp_path / "m.onnx"), name="risk")
        # no model object to clone: the shadows are random forests, as for /v1/predict
        assert not hasattr(target, "model")
        onnx_run = ModelExtraction().run(target, data, seed=1)
        in_memory = ModelExtraction().run(LocalModelTarget(model), data, seed=1)
        assert onnx_run.metrics == in_memory.metrics
        membership = MembershipInference(shadows=4).run(target, data, seed=0)
        assert 0 <= membership.metrics["auc_bp"] <= 10_000

    def test_a_custom_operator_domain_is_never_loaded(self, tmp_path: Path) -> None:
        graph = helper.make_graph(
            [helper.make_node("Backdoor", ["x"], ["y"], domain="com.example.native")],
            "custom",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 2])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 2])],
        )
        model = helper.make_model(
            graph,
            opset_imports=[
                helper.make_opsetid("", 17),
                helper.make_opsetid("com.example.native", 1),
            ],
            ir_version=9,
        )
        path = tmp_path / "custom.onnx"
        path.write_bytes(model.SerializeToString())
        with pytest.raises(TargetError, match=r"onnx\.custom-domain") as caught:
            OnnxModelTarget.load(path, name="evil")
        assert "sai scan" in (caught.value.hint or "")

    def test_an_unreadable_file_is_a_clear_error(self, tmp_path: Path) -> None:
        with pytest.raises(TargetError, match="cannot read model risk"):
            OnnxModelTarget.load(tmp_path / "missing.onnx", name="risk")

    def test_two_inputs_are_refused_with_a_hint(self, tmp_path: Path) -> None:
        graph = helper.make_graph(
            [helper.make_node("Add", ["a", "b"], ["y"])],
            "two",
            [
                helper.make_tensor_value_info("a", TensorProto.FLOAT, [None, 2]),
                helper.make_tensor_value_info("b", TensorProto.FLOAT, [None, 2]),
            ],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 2])],
        )
        with pytest.raises(TargetError, match="one float tensor") as caught:
            OnnxModelTarget.load(_save(graph, tmp_path / "two.onnx"), name="two")
        assert "single tensor(float) input" in (caught.value.hint or "")

    def test_a_model_without_probabilities_is_refused_at_prediction(self, tmp_path: Path) -> None:
        graph = helper.make_graph(
            [helper.make_node("ArgMax", ["x"], ["label"], axis=1, keepdims=0)],
            "labels-only",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 3])],
            [helper.make_tensor_value_info("label", TensorProto.INT64, [None])],
        )
        target = OnnxModelTarget.load(_save(graph, tmp_path / "l.onnx"), name="labels")
        with pytest.raises(TargetError, match="no class probabilities"):
            target.predict_proba(np.zeros((4, 3)))

    def test_rows_of_the_wrong_width_are_an_error_not_a_crash(self, tmp_path: Path) -> None:
        model, _ = _fitted()
        target = OnnxModelTarget.load(_tensor_export(model, tmp_path / "m.onnx"), name="risk")
        with pytest.raises(TargetError, match="failed on 3 rows"):
            target.predict_proba(np.zeros((3, FEATURES + 1)))


class TestProbabilityOutputs:
    def test_one_probability_per_row_becomes_two_classes(self) -> None:
        got = probabilities([np.array([0.25, 0.9], dtype=np.float32)], 2)
        np.testing.assert_allclose(got, [[0.75, 0.25], [0.1, 0.9]], atol=1e-6)

    def test_maps_are_ordered_by_class(self) -> None:
        got = probabilities([np.array([1, 0]), [{1: 0.8, 0: 0.2}, {0: 0.6, 1: 0.4}]], 2)
        np.testing.assert_allclose(got, [[0.2, 0.8], [0.6, 0.4]])

    def test_integer_outputs_are_not_probabilities(self) -> None:
        with pytest.raises(TargetError):
            probabilities([np.array([[1, 0], [0, 1]])], 2)


_CLASSIC_MANIFEST = """\
version: 1
name: scoring
intended_use: Testing the classic attacks on an ONNX model.
roles: [developer]
models:
  - name: risk
    path: risk.onnx
    format: onnx
    source: trained-in-house
    version: "1.0"
datasets:
  - name: train
    path: train.csv
  - name: holdout
    path: holdout.csv
redteam:
  classic:
    - model: risk
      members: train
      non_members: holdout
      label: y
people:
  owners:
    - name: Test Owner
  security_contact: security@example.org
"""


def _csv(path: Path, x: np.ndarray, y: np.ndarray) -> None:
    header = ",".join([*(f"f{i}" for i in range(FEATURES)), "y"])
    rows = [
        ",".join([*(repr(float(v)) for v in row), str(int(label))])
        for row, label in zip(x, y, strict=True)
    ]
    path.write_text("\n".join([header, *rows]) + "\n")


class TestAttackCommand:
    def test_sai_redteam_attack_on_an_onnx_model_of_sai_yaml(
        self, workspace_dir: Path, tmp_path: Path
    ) -> None:
        from typer.testing import CliRunner

        from sai.cli.app import app

        model, data = _fitted()
        _tensor_export(model, workspace_dir / "risk.onnx")
        _csv(workspace_dir / "train.csv", data.members_x, data.members_y)
        _csv(workspace_dir / "holdout.csv", data.non_members_x, data.non_members_y)
        (workspace_dir / "sai.yaml").write_text(_CLASSIC_MANIFEST)
        out = tmp_path / "classic"
        result = CliRunner().invoke(
            app,
            ["redteam", "attack", "--out", str(out), "--attacks", "evasion",
             "-w", str(workspace_dir)],
        )  # fmt: skip
        # a linear model is easy to flip within the budget: evasion is a finding, exit 1
        assert result.exit_code == 1, result.output
        report = json.loads((out / "report.json").read_text())
        assert report["run"]["target"]["kind"] == "onnx"
        assert report["run"]["target"]["digest"] == report["binding"]["model_digest"]
        assert [f["category"] for f in report["findings"]] == ["evasion"]
        assert "recorded in the ledger" in result.output
