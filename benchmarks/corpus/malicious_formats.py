"""Malicious samples of the first release in the non-pickle formats."""

from __future__ import annotations

from benchmarks.corpus import build as b
from benchmarks.corpus.sample import ECHO, Sample


def formats() -> list[Sample]:
    """Keras, ONNX, GGUF and safetensors attacks."""
    evil = b.call_pickle("os", "system", ECHO)
    return [
        Sample(
            "malicious/lambda.keras",
            b.keras_zip(
                b.keras_sequential(
                    b.keras_layer(
                        "Lambda",
                        function={"class_name": "__lambda__", "config": {"code": "4wEAAAAA"}},
                    )
                )
            ),
            True,
            "CVE-2024-3660 Lambda",
        ),
        Sample(
            "malicious/os-module.keras",
            b.keras_zip(b.keras_sequential(b.keras_layer("system", module="os"))),
            True,
            "CVE-2025-1550 module",
        ),
        Sample(
            "malicious/get-file.keras",
            b.keras_zip(b.keras_sequential(b.keras_layer("get_file", module="keras.utils"))),
            True,
            "CVE-2025-8747 gadget",
        ),
        Sample(
            "malicious/unsafe-config.keras",
            b.keras_zip(
                b.keras_sequential(
                    b.keras_layer("enable_unsafe_deserialization", module="keras.config")
                )
            ),
            True,
            "CVE-2025-9906",
        ),
        Sample(
            "malicious/lambda.h5",
            b.hdf5_keras(
                {
                    "class_name": "Sequential",
                    "config": {
                        "layers": [
                            {
                                "class_name": "Lambda",
                                "config": {
                                    "name": "lambda",
                                    "function": [b.keras_lambda_blob(), None, None],
                                    "function_type": "lambda",
                                },
                            }
                        ]
                    },
                }
            ),
            True,
            "CVE-2025-9905 h5 Lambda",
        ),
        Sample(
            "malicious/lambda-corrupt.h5",
            b.hdf5_with_config(
                {
                    "class_name": "Sequential",
                    "config": {
                        "layers": [
                            {
                                "class_name": "Lambda",
                                "config": {
                                    "name": "lambda",
                                    "function": [b.keras_lambda_blob(), None, None],
                                    "function_type": "lambda",
                                },
                            }
                        ]
                    },
                }
            ),
            True,
            "h5 Lambda in an unreadable file",
        ),
        Sample(
            "malicious/training-loss.h5",
            b.hdf5_keras(
                {"class_name": "Sequential", "config": {"layers": []}},
                {"loss": {"module": "os", "class_name": "system", "config": {}}},
            ),
            True,
            "h5 training_config module",
        ),
        Sample(
            "malicious/tf-op-lambda.h5",
            b.hdf5_keras(
                {
                    "class_name": "Functional",
                    "config": {
                        "layers": [
                            {
                                "class_name": "TFOpLambda",
                                "config": {"name": "tf.io.write_file", "function": "io.write_file"},
                            }
                        ]
                    },
                }
            ),
            True,
            "CVE-2025-9906 TFOpLambda",
        ),
        Sample(
            "malicious/slicing-op-lambda.keras",
            b.keras_zip(
                b.keras_sequential(
                    b.keras_layer("SlicingOpLambda", function="__operators__.getitem")
                )
            ),
            True,
            "SlicingOpLambda",
        ),
        Sample(
            "malicious/custom-domain.onnx", b.onnx_model(domain="com.evil"), True, "onnx custom op"
        ),
        Sample(
            "malicious/traversal.onnx",
            b.onnx_model(location="../../etc/passwd"),
            True,
            "CVE-2022-25882",
        ),
        Sample(
            "malicious/absolute.onnx", b.onnx_model(location="/etc/shadow"), True, "CVE-2024-27318"
        ),
        Sample(
            "malicious/template.gguf",
            b.gguf("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
            True,
            "CVE-2024-34359",
        ),
        Sample(
            "malicious/template-lipsum.gguf",
            b.gguf("{{ lipsum.__globals__['os'].popen('id').read() }}"),
            True,
            "SSTI lipsum",
        ),
        Sample(
            "malicious/bad-header.gguf",
            b.gguf(None, tensor_count=1, bad_offset=True),
            True,
            "gguf offsets",
        ),
        Sample(
            "malicious/huge-count.gguf",
            b"GGUF" + (3).to_bytes(4, "little") + (1 << 60).to_bytes(8, "little") + b"\x00" * 8,
            True,
            "gguf counts",
        ),
        Sample(
            "malicious/overlap.safetensors",
            b.safetensors(
                {
                    "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                    "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]},
                },
                b"\x00" * 12,
            ),
            True,
            "safetensors overlap",
        ),
        Sample(
            "malicious/out-of-range.safetensors",
            b.safetensors(
                {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, b"\x00" * 8
            ),
            True,
            "safetensors out of range",
        ),
        Sample(
            "malicious/trailing.safetensors",
            b.safetensors(
                {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, b"\x00" * 4 + evil
            ),
            True,
            "safetensors polyglot",
        ),
        Sample(
            "malicious/dtype-shape.safetensors",
            b.safetensors(
                {"a": {"dtype": "F64", "shape": [3], "data_offsets": [0, 8]}}, b"\x00" * 8
            ),
            True,
            "safetensors size mismatch",
        ),
        Sample(
            "malicious/bad-json.safetensors",
            b.safetensors('{"a": {"dtype": "F32",', b"\x00" * 8),
            True,
            "safetensors JSON",
        ),
        Sample(
            "malicious/duplicate-key.safetensors",
            b.safetensors(
                '{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, '
                '"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}',
                b"\x00" * 4,
            ),
            True,
            "safetensors duplicate key",
        ),
    ]


__all__ = ["formats"]
