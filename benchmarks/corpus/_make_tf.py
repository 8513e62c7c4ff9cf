"""TensorFlow files for ``make_real_models.py`` (KERAS_BACKEND=tensorflow).

Benign: a ``tf.Module`` with ``tf.function`` signatures and variables saved with
``tf.saved_model.save`` (a folder), a Keras model exported for serving (``model.export``, a
SavedModel folder), a text model whose ``StringLookup`` vocabulary travels as a SavedModel
asset, and Keras 3 under the TensorFlow backend (``.keras`` and ``.h5``, with a Lambda over
``tf.nn.relu`` by name). Malicious: SavedModels whose graphs read a file
(``tf.io.read_file``), write one (``tf.io.write_file``) or run Python (``tf.py_function``).
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import tensorflow as tf


class Scaler(tf.Module):
    """A small module with a variable and two serving signatures."""

    def __init__(self) -> None:
        super().__init__()
        self.w = tf.Variable(tf.ones((4, 2)), name="w")
        self.b = tf.Variable(tf.zeros((2,)), name="b")

    @tf.function(input_signature=[tf.TensorSpec((None, 4), tf.float32)])
    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return tf.nn.softmax(tf.matmul(x, self.w) + self.b)

    @tf.function(input_signature=[tf.TensorSpec((None,), tf.string)])
    def parse(self, text: tf.Tensor) -> tf.Tensor:
        return tf.strings.to_number(tf.strings.strip(text))


class ReadsFile(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec((), tf.string)])
    def __call__(self, path: tf.Tensor) -> tf.Tensor:
        return tf.io.read_file(path)


class WritesFile(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec((), tf.string)])
    def __call__(self, text: tf.Tensor) -> tf.Tensor:
        tf.io.write_file("/tmp/sai-corpus", text)
        return text


class RunsPython(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec((2,), tf.float32)])
    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return tf.py_function(lambda v: v * 2, [x], tf.float32)


def _dense() -> keras.Model:
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(4)(inputs)
    hidden = keras.layers.Lambda(tf.nn.relu)(hidden)
    hidden = keras.layers.BatchNormalization()(hidden)
    model = keras.Model(inputs, keras.layers.Dense(2)(hidden))
    model.compile(optimizer="adam", loss="mse")
    rng = np.random.default_rng(0)
    model.fit(rng.normal(size=(8, 4)), rng.normal(size=(8, 2)), epochs=1, verbose=0)
    return model


def _text() -> keras.Model:
    lookup = keras.layers.StringLookup(vocabulary=["good", "bad", "model"])
    inputs = keras.Input((3,), dtype="string")
    hidden = keras.layers.Embedding(lookup.vocabulary_size(), 4)(lookup(inputs))
    outputs = keras.layers.Dense(1)(keras.layers.GlobalAveragePooling1D()(hidden))
    return keras.Model(inputs, outputs)


def write(benign: Path, malicious: Path) -> None:
    """Write every benign and malicious TensorFlow file or folder."""
    scaler = Scaler()
    tf.saved_model.save(
        scaler,
        str(benign / "savedmodel-tf-module"),
        signatures={"serving_default": scaler.__call__, "parse": scaler.parse},
    )
    dense = _dense()
    dense.export(str(benign / "keras-export-savedmodel"))
    dense.save(benign / "dense-lambda-tf-relu.keras")
    dense.save(benign / "dense-lambda-tf-relu.h5")
    _text().export(str(benign / "keras-export-string-lookup"))
    tf.saved_model.save(ReadsFile(), str(malicious / "savedmodel-read-file"))
    tf.saved_model.save(WritesFile(), str(malicious / "savedmodel-write-file"))
    tf.saved_model.save(RunsPython(), str(malicious / "savedmodel-py-function"))
