"""Rules of the TFLite, ExecuTorch, Flax msgpack, MXNet and TensorFlow checkpoint scanners.

Kept beside ``rules.py`` (which is being split elsewhere) until the two merge: ``finding_of``
builds findings of these rules the way ``rules.finding`` does, and the SARIF writer lists them.
"""

from __future__ import annotations

from sai.scanning.result import Confidence, Finding, Severity
from sai.scanning.rules import RULES, Rule

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

_BY_ID = {rule.id: rule for rule in FORMAT_RULES}


def finding_of(
    rule_id: str, message: str, *, member: str = "", offset: int | None = None
) -> Finding:
    """A finding of one of these rules (or of ``rules.RULES`` once they are merged)."""
    rule = RULES.get(rule_id) or _BY_ID[rule_id]
    severity = rule.severity
    if rule.confidence is Confidence.unknown and severity is not Severity.info:
        severity = Severity.medium
    return Finding(
        rule=rule_id,
        severity=severity,
        message=message,
        member=member,
        offset=offset,
        incomplete=rule.incomplete,
        confidence=rule.confidence,
    )


__all__ = ["FORMAT_RULES", "finding_of"]
