"""Every rule the scanner reports, with its severity and a help text (also used for SARIF).

Rules whose ``incomplete`` flag is set mean the scan could not finish at that point; the
artifact's verdict is then ``error``, which blocks like ``unsafe`` (fail closed). The pickle
and container rules are in :mod:`sai.scanning._container_rules`, the ``Rule`` record in
:mod:`sai.scanning._rule` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.scanning._container_rules import CONTAINER_RULES
from sai.scanning._format_rules import FORMAT_RULES
from sai.scanning._rule import INFO, C, H, M, Rule
from sai.scanning.result import Confidence, Finding, Severity

_RULES = (
    *CONTAINER_RULES,
    *FORMAT_RULES,
    Rule(
        "keras.lambda",
        C,
        "Keras model contains a Lambda layer or serialised function",
        "Lambda layers carry Python bytecode that runs when the model is loaded or called.",
    ),
    Rule(
        "keras.module-not-allowed",
        C,
        "Keras config names a module or class outside Keras",
        "Loading imports it; check the config or re-export the model.",
    ),
    Rule(
        "keras.tf-op-lambda",
        M,
        "Keras config contains a TFOpLambda or SlicingOpLambda layer",
        "These layers call the TensorFlow operation their config names when the model runs; "
        "check the named operations or re-export the model without them.",
    ),
    Rule(
        "keras.file-reference",
        H,
        "Keras layer reads a file named in its config when the model loads",
        "Lookup layers read their vocabulary path at load time; a path outside the model "
        "(or a system file) leaks or plants data. Ship the vocabulary inside the model.",
    ),
    Rule(
        "keras.wrapped-model",
        C,
        "Keras layer loads another saved model from its config",
        "TFSMLayer and hub layers load (and run) a further model that this scan did not see; "
        "scan that model, or re-export without the wrapper.",
    ),
    Rule("keras.unparsable", H, "Keras config cannot be read", "Re-export the model.", True),
    Rule(
        "hdf5.malformed",
        H,
        "HDF5 file cannot be read",
        "Its Keras config could not be checked (only a raw-byte search ran); re-export the model.",
        True,
    ),
    Rule(
        "onnx.custom-domain",
        H,
        "ONNX model uses a custom operator domain",
        "Custom operators run native code from a library loaded beside the model.",
    ),
    Rule(
        "onnx.external-data-path",
        C,
        "ONNX external data path escapes the model folder",
        "A loader reads (or writes) files outside the model folder.",
    ),
    Rule("onnx.malformed", H, "ONNX protobuf is malformed", "Re-export the model.", True),
    Rule(
        "gguf.template-injection",
        C,
        "GGUF chat template contains template-injection constructs",
        "Jinja templates rendered without a sandbox run Python through these.",
    ),
    Rule("gguf.malformed", H, "GGUF header is inconsistent", "Re-download or re-export.", True),
    Rule(
        "safetensors.malformed",
        H,
        "safetensors header or offsets are inconsistent",
        "Readers disagree on such files; re-export.",
        True,
    ),
    Rule(
        "safetensors.trailing-data",
        M,
        "Data after the last tensor",
        "Polyglot files hide a second format behind the tensors.",
    ),
    Rule(
        "numpy.object-array",
        INFO,
        "NumPy array of Python objects",
        "np.load(allow_pickle=True) unpickles it; its pickle is scanned.",
    ),
    Rule("numpy.malformed", H, "NumPy .npy header is malformed", "Re-export.", True),
    Rule(
        "torchscript.custom-op",
        H,
        "TorchScript code calls a custom operator namespace",
        "Custom operators run native code from a library loaded beside the model.",
    ),
    Rule(
        "torchscript.file-access",
        C,
        "TorchScript code reads or writes files, or reaches processes or the network",
        "Operators such as from_file run when the model runs; model code never needs them.",
    ),
    Rule(
        "savedmodel.dangerous-op",
        C,
        "SavedModel graph runs an op that reaches files, Python or the network",
        "ReadFile, WriteFile, PyFunc and similar ops run when the model is loaded or called; "
        "re-export the model without them.",
    ),
    Rule(
        "savedmodel.malformed",
        H,
        "SavedModel protobuf is malformed",
        "Its graph could not be checked; re-export the model.",
        True,
    ),
    Rule(
        "tokenizer.malformed",
        H,
        "Tokenizer file is malformed",
        "It looked like a SentencePiece or tiktoken tokenizer but does not parse as one.",
        True,
    ),
    Rule(
        "hf.remote-code",
        C,
        "Configuration maps a model class to Python code (auto_map, remote code)",
        "Loading with trust_remote_code=True imports and runs the named file; review that "
        "code, or load without remote code.",
    ),
    Rule("hf.malformed", H, "Configuration is not JSON", "Re-export the configuration.", True),
    Rule(
        "format.unknown",
        M,
        "Format not recognised as any model format",
        "sai cannot vouch for it; convert to safetensors or name the format.",
        True,
    ),
    Rule("scanner.crash", H, "Internal scanner error", "Please report this file.", True),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in _RULES})


def finding(
    rule_id: str,
    message: str,
    *,
    member: str = "",
    offset: int | None = None,
    callable: str | None = None,
    severity: Severity | None = None,
    confidence: Confidence | None = None,
) -> Finding:
    """A finding of a registered rule, with that rule's severity and confidence unless
    overridden (an ``unknown`` finding defaults to ``medium``)."""
    rule = RULES[rule_id]
    confidence = confidence or rule.confidence
    if severity is None and confidence is Confidence.unknown:
        severity = Severity.medium
    return Finding(
        rule=rule_id,
        severity=severity or rule.severity,
        message=message,
        member=member,
        offset=offset,
        callable=callable,
        incomplete=rule.incomplete,
        confidence=confidence,
    )


__all__ = ["RULES", "Rule", "finding"]
