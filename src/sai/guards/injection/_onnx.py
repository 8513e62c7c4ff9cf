"""MiniLM's six encoder layers as an ONNX graph built in memory, run by onnxruntime on CPU.

The graph is written here with ``onnx.helper`` from the same safetensors arrays that the numpy
forward pass reads (nothing is downloaded, nothing extra is shipped) and uses onnxruntime's fused
CPU kernels (attention, bias + GELU, residual + layer norm). Same float32 arithmetic as the numpy
path up to summation order; the embedding lookup and the mean pooling stay in numpy.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
HIDDEN = 384
HEADS = 12
_MS = "com.microsoft"


def onnx_available() -> bool:
    """Whether ``onnx`` and ``onnxruntime`` are installed (the ``ml`` extra)."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnx", "onnxruntime"))


class _GraphBuilder:
    def __init__(self) -> None:
        from onnx import helper, numpy_helper

        self.helper = helper
        self.numpy_helper = numpy_helper
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []

    def const(self, name: str, array: npt.NDArray[Any]) -> str:
        self.initializers.append(self.numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(self, op: str, inputs: Sequence[str], domain: str = "", **attrs: Any) -> str:
        output = f"n{len(self.nodes)}"
        self.nodes.append(
            self.helper.make_node(op, list(inputs), [output], domain=domain or None, **attrs)
        )
        return output


def build_encoder_graph(layers: Sequence[Any]) -> bytes:
    """A serialised ONNX model: ``x`` (batch, tokens, 384) and ``mask`` (int32) to ``y``."""
    from onnx import TensorProto, helper

    g = _GraphBuilder()
    x = "x"
    for i, layer in enumerate(layers):
        p = f"layer{i}."
        context = g.node(
            "Attention",
            [x, g.const(p + "qkv", layer.qkv), g.const(p + "qkv_bias", layer.qkv_bias), "mask"],
            domain=_MS,
            num_heads=HEADS,
        )
        projected = g.node("MatMul", [context, g.const(p + "out", layer.out)])
        x = g.node(
            "SkipLayerNormalization",
            [
                projected,
                x,
                g.const(p + "ln1_gamma", layer.ln1[0]),
                g.const(p + "ln1_beta", layer.ln1[1]),
                g.const(p + "out_bias", layer.out_bias),
            ],
            domain=_MS,
            epsilon=1e-12,
        )
        up = g.node("MatMul", [x, g.const(p + "up", layer.up)])
        hidden = g.node("BiasGelu", [up, g.const(p + "up_bias", layer.up_bias)], domain=_MS)
        down = g.node("MatMul", [hidden, g.const(p + "down", layer.down)])
        x = g.node(
            "SkipLayerNormalization",
            [
                down,
                x,
                g.const(p + "ln2_gamma", layer.ln2[0]),
                g.const(p + "ln2_beta", layer.ln2[1]),
                g.const(p + "down_bias", layer.down_bias),
            ],
            domain=_MS,
            epsilon=1e-12,
        )
    g.nodes[-1].output[0] = "y"
    graph = helper.make_graph(
        g.nodes,
        "minilm_encoder",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "tokens", HIDDEN]),
            helper.make_tensor_value_info("mask", TensorProto.INT32, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "tokens", HIDDEN])],
        initializer=g.initializers,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(_MS, 1)]
    )
    serialised: bytes = model.SerializeToString()
    return serialised


def quantize_int8(graph: bytes) -> bytes:
    """The graph with int8 weights (dynamic quantisation, one scale per output channel).

    About twice as fast on CPUs with int8 dot-product instructions; embeddings stay within a
    cosine of ~0.99 of float32, so a head must be trained on the precision it will run with.
    """
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="sai-minilm-") as folder:
        source, target = Path(folder) / "fp32.onnx", Path(folder) / "int8.onnx"
        source.write_bytes(graph)
        _quiet_quantize(source, target)
        return target.read_bytes()


def _quiet_quantize(source: Any, target: Any) -> None:
    """Run the quantiser without its advice to pre-process (logged on the root logger)."""
    import logging

    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic  # type: ignore[import-untyped]

    previous = logging.root.manager.disable
    logging.disable(max(previous, logging.WARNING))
    try:
        quantize_dynamic(
            source,
            target,
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": TensorProto.FLOAT},
        )
    finally:
        logging.disable(previous)


class OnnxEncoder:
    """Runs the encoder layers with onnxruntime, one intra-op thread by default."""

    def __init__(self, layers: Sequence[Any], threads: int = 1, precision: str = "fp32") -> None:
        import onnxruntime  # type: ignore[import-untyped]

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        graph = build_encoder_graph(layers)
        if precision == "int8":
            graph = quantize_int8(graph)
        elif precision != "fp32":
            raise ValueError(f"unknown precision {precision!r}: use fp32 or int8")
        self._session = onnxruntime.InferenceSession(
            graph, options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, x: Matrix, mask: Matrix) -> Matrix:
        """Hidden states (batch, tokens, 384) after the six layers."""
        outputs = self._session.run(["y"], {"x": x, "mask": mask.astype(np.int32)})
        result: Matrix = np.asarray(outputs[0], dtype=np.float32)
        return result


__all__ = ["OnnxEncoder", "build_encoder_graph", "onnx_available", "quantize_int8"]
