"""Keras 2 (``tf_keras``) and ONNX files for ``make_real_models.py``.

Keras 2 is what most older Hub models were saved with: a dense network with batch
normalisation as legacy HDF5, Keras 2's ``.keras`` and a SavedModel folder (with
``keras_metadata.pb``). (Keras 2 marshals the bytecode of *any* Python function given to a
Lambda, ``tf.nn.relu`` too, so a Keras 2 Lambda is never a by-name reference: such files carry
code and are flagged; none is among the benign files.) ONNX (written with the ``onnx``
package itself): a small graph whose initialisers live as external data in a ``weights/``
subfolder. Malicious: a Keras 2 Lambda
over a Python lambda (marshalled bytecode in the HDF5 config).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def _keras2(benign: Path, malicious: Path) -> None:
    import tf_keras

    model = tf_keras.Sequential(
        [
            tf_keras.Input((4,)),
            tf_keras.layers.Dense(4),
            tf_keras.layers.BatchNormalization(),
            tf_keras.layers.Activation("relu"),
            tf_keras.layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    rng = np.random.default_rng(0)
    model.fit(rng.normal(size=(8, 4)), np.eye(2)[rng.integers(0, 2, 8)], epochs=1, verbose=0)
    model.save(benign / "keras2-dense.h5")
    model.save(benign / "keras2-dense.keras")
    model.save(benign / "keras2-savedmodel", save_format="tf")
    bad = tf_keras.Sequential([tf_keras.Input((2,)), tf_keras.layers.Lambda(lambda x: x * 2)])
    bad.save(malicious / "keras2-lambda-bytecode.h5")


def _onnx(benign: Path) -> None:
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    weights = numpy_helper.from_array(np.arange(64, dtype=np.float32).reshape(8, 8), "w")
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["h"]), helper.make_node("Relu", ["h"], ["y"])],
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8])],
        [weights],
    )
    model = helper.make_model(graph, producer_name="sai-corpus")
    folder = benign / "onnx-external-subfolder"
    (folder / "weights").mkdir(parents=True)
    onnx.save_model(
        model,
        str(folder / "model.onnx"),
        save_as_external_data=True,
        location="weights/model.onnx.data",
        size_threshold=0,
    )
    onnx.checker.check_model(str(folder / "model.onnx"))


def write(benign: Path, malicious: Path) -> None:
    """Write the Keras 2 and ONNX files."""
    _keras2(benign, malicious)
    _onnx(benign)
