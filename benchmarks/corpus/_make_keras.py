"""Keras 3 files under the torch backend for ``make_real_models.py`` (KERAS_BACKEND=torch).

Benign: a compiled and fitted dense network (``.keras``, legacy ``.h5``, ``.weights.h5``),
a functional model with Lambda layers over Keras and NumPy functions referenced by name (no
bytecode), a small CNN with batch normalisation and a preprocessing ``Normalization`` layer,
an embedding + LSTM + attention sequence model, and a model with a registered but built-in
activation by name, and a ``TorchModuleWrapper`` around a plain ``nn.Sequential`` (its
config holds the base64 of a ``torch.save`` zip). Malicious: a Lambda layer over a Python
lambda (bytecode in the config), and a ``TorchModuleWrapper`` whose module pickles an
``os.system`` call.
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np


def _dense() -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="gelu", kernel_regularizer="l2"),
            keras.layers.Dropout(0.1),
            keras.layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.AdamW(1e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    rng = np.random.default_rng(0)
    model.fit(rng.normal(size=(16, 4)), rng.integers(0, 2, 16), epochs=1, verbose=0)
    return model


def _lambdas() -> keras.Model:
    inputs = keras.Input((3,))
    hidden = keras.layers.Dense(3)(inputs)
    hidden = keras.layers.Lambda(keras.ops.tanh)(hidden)
    hidden = keras.layers.Lambda(keras.activations.swish)(hidden)
    hidden = keras.layers.Lambda(keras.ops.abs)(hidden)
    return keras.Model(inputs, keras.layers.Dense(1)(hidden))


def _cnn() -> keras.Model:
    norm = keras.layers.Normalization()
    norm.adapt(np.random.default_rng(1).normal(size=(8, 8, 8, 1)))
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            norm,
            keras.layers.Conv2D(4, 3, padding="same"),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(3),
        ]
    )
    model.compile(optimizer="sgd", loss=keras.losses.MeanSquaredError())
    return model


def _sequence() -> keras.Model:
    tokens = keras.Input((6,), dtype="int32")
    hidden = keras.layers.Embedding(50, 8, mask_zero=True)(tokens)
    hidden = keras.layers.LSTM(8, return_sequences=True)(hidden)
    hidden = keras.layers.MultiHeadAttention(2, 4)(hidden, hidden)
    hidden = keras.layers.LayerNormalization()(hidden)
    outputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.GlobalMaxPooling1D()(hidden))
    model = keras.Model(tokens, outputs)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["auc"])
    return model


class Payload:
    """Pickles as a call of ``os.system`` (never loaded)."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, ("echo sai-corpus",))


def _wrapped(module: object) -> keras.Model:
    model = keras.Sequential([keras.layers.TorchModuleWrapper(module)])
    model(np.zeros((1, 4), dtype="float32"))  # built eagerly: the wrapper has no shape rule
    return model


def write(benign: Path, malicious: Path) -> None:
    """Write every benign and malicious Keras-on-torch file."""
    dense = _dense()
    dense.save(benign / "dense-fitted.keras")
    dense.save(benign / "dense-fitted.h5")
    dense.save_weights(benign / "dense-fitted.weights.h5")
    _lambdas().save(benign / "lambda-ops-by-name.keras")
    _cnn().save(benign / "cnn-normalization.keras")
    _sequence().save(benign / "sequence-attention.keras")
    _sequence().save(benign / "sequence-attention.h5")
    import torch

    plain = _wrapped(torch.nn.Sequential(torch.nn.Linear(4, 2), torch.nn.ReLU()))
    plain.save(benign / "torch-module-wrapper.keras")
    plain.save(benign / "torch-module-wrapper.h5")
    payload = torch.nn.Sequential(torch.nn.Linear(4, 2))
    payload.hook = Payload()
    _wrapped(payload).save(malicious / "torch-module-wrapper-os-system.keras")
    _wrapped(payload).save(malicious / "torch-module-wrapper-os-system.h5")
    inputs = keras.Input((2,))
    bad = keras.layers.Lambda(lambda x: x * 2)(inputs)
    keras.Model(inputs, bad).save(malicious / "lambda-bytecode.keras")
    keras.Model(inputs, bad).save(malicious / "lambda-bytecode.h5")
