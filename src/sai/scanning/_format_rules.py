"""Rules of the TFLite, ExecuTorch, Flax msgpack, MXNet and TensorFlow checkpoint scanners.

``rules.py`` adds them to its table; findings of them are made with ``rules.finding``.
"""

from __future__ import annotations

from sai.scanning._rule import Rule
from sai.scanning.result import Confidence, Severity

FORMAT_RULES: tuple[Rule, ...] = (
    Rule(
        "tflite.dangerous-op",
        Severity.critical,
        "TFLite model runs a TensorFlow op that reaches files, Python or the network",
        "Flex (select TensorFlow) ops such as FlexPyFunc or FlexReadFile run through the "
        "TensorFlow runtime linked into the app; re-export the model without them.",
    ),
    Rule(
        "tflite.custom-op",
        Severity.medium,
        "TFLite model uses a custom operator",
        "A custom operator runs whatever native kernel the application registered under that "
        "name; the file cannot ship code, but sai cannot tell what the kernel does.",
        confidence=Confidence.unknown,
    ),
    Rule("tflite.malformed", Severity.high, "TFLite FlatBuffer is malformed", "Re-export.", True),
    Rule(
        "executorch.delegate",
        Severity.info,
        "ExecuTorch program runs part of the model in a backend delegate",
        "The named backend (XNNPACK, Core ML, ...) must be linked into the runtime; its "
        "processed blob is executed by that backend.",
    ),
    Rule(
        "executorch.malformed",
        Severity.high,
        "ExecuTorch program is malformed",
        "Re-export the program.",
        True,
    ),
    Rule(
        "msgpack.ext-type",
        Severity.medium,
        "msgpack state uses an extension type Flax does not write",
        "flax.serialization restores only ndarrays, complex numbers and NumPy scalars; another "
        "extension type is decoded by whatever hook the loading code installed.",
        confidence=Confidence.unknown,
    ),
    Rule("msgpack.malformed", Severity.high, "msgpack state is malformed", "Re-export.", True),
    Rule(
        "mxnet.custom-op",
        Severity.medium,
        "MXNet graph uses a Custom operator",
        "A Custom node runs the Python CustomOp class the loading program registered under its "
        "op_type; the file cannot ship that code, but sai cannot tell what it does.",
        confidence=Confidence.unknown,
    ),
    Rule(
        "mxnet.malformed",
        Severity.high,
        "MXNet parameter file is malformed",
        "Its arrays do not hold together; re-save the parameters.",
        True,
    ),
    Rule(
        "tfcheckpoint.malformed",
        Severity.high,
        "TensorFlow checkpoint index is malformed",
        "Its entries could not be checked; re-save the checkpoint.",
        True,
    ),
)


__all__ = ["FORMAT_RULES"]
