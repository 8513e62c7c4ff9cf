"""Checks of a Keras model config (``config.json`` of ``.keras``, ``model_config`` of HDF5).

Keras imports the ``module`` and ``class_name`` named in the config. Keras's own layer,
model, optimiser, loss, metric, initialiser, regulariser, constraint, activation and dtype
modules are allowed, and so are its tensor operations (``keras.ops``: a functional model
records a call such as ``ops.not_equal`` of a mask as a ``NotEqual`` node) and the torch
backend's optimiser classes; a function referenced by name (a Lambda layer over ``numpy.tanh``) is
allowed when the pickle allow-list allows it or it is defined in one of TensorFlow's tensor
arithmetic modules (``tf.nn.relu`` is ``tensorflow.python.ops.gen_nn_ops.relu``). Lambda
layers that carry Python bytecode are dangerous, and so are ``TFOpLambda`` and
``SlicingOpLambda`` layers (they call whatever TensorFlow operation they name), layers that
read a file named in their config when the model loads (vocabularies of lookup layers), and
layers that wrap another saved model (``TFSMLayer``). Other modules are dangerous or unknown
as the pickle scanner decides for imports. A Keras-on-torch ``TorchModuleWrapper`` holds its
module as a base64 ``torch.save`` zip: ``torch_modules`` hands it to the PyTorch scanner.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

from sai.scanning.formats._tf_ops import risky_api
from sai.scanning.pickle import default_allowlist
from sai.scanning.pickle.danger import classify, default_dangerous
from sai.scanning.result import Confidence

#: Keras sub-packages whose classes a config may name (also under ``keras.src.``).
ALLOWED_PACKAGES = frozenset(
    {
        "layers", "models", "optimizers", "losses", "metrics", "initializers",
        "regularizers", "constraints", "activations", "dtype_policies", "engine", "ops",
    }
)  # fmt: skip
#: Backend-specific sub-packages a config may name: under the torch backend, Keras 3 saves
#: its optimisers as ``keras.src.backend.torch.optimizers.torch_adam.Adam`` (reviewed: the
#: classes only mix torch's fused update into the optimiser classes; no I/O, no imports).
_BACKEND_PACKAGES = (("backend", "torch", "optimizers"),)
_TF_OP_CLASSES = frozenset({"TFOpLambda", "SlicingOpLambda"})
#: Keras-on-torch layer whose config holds a pickled torch module (loaded with torch.load).
_TORCH_WRAPPER = "TorchModuleWrapper"
#: TensorFlow modules whose functions are tensor arithmetic (what ``tf.math``, ``tf.nn`` and
#: the array functions are defined in); their file, Python and I/O ops live elsewhere.
TF_MATH_MODULES = frozenset(
    f"tensorflow.python.ops.{name}"
    for name in (
        "math_ops", "gen_math_ops", "nn_ops", "gen_nn_ops", "nn_impl", "array_ops",
        "gen_array_ops", "array_ops_stack", "special_math_ops", "clip_ops",
    )
)  # fmt: skip
#: Layers that load another saved model named in their config.
_WRAPPERS = frozenset({"TFSMLayer", "KerasLayer", "SavedModelLayer"})
#: Config keys whose string value is a file a layer reads when the model is built.
#: (``merges`` and ``proto``: byte-pair and SentencePiece tokenizers of KerasHub.)
_FILE_KEYS = frozenset(
    {"vocabulary", "vocabulary_file", "filepath", "file_path", "handle", "merges", "proto"}
)
_D, _U = Confidence.dangerous, Confidence.unknown
_MAX_NODES = 1_000_000


def module_allowed(module: str) -> bool:
    """``keras`` itself or one of its allowed sub-packages (``keras[.src].<package>...``)."""
    parts = module.split(".")
    if parts[0] not in ("keras", "tf_keras") or len(parts) == 1:
        return parts in (["keras"], ["tf_keras"])
    rest = parts[2:] if parts[1] == "src" else parts[1:]
    if any(tuple(rest[: len(p)]) == p for p in _BACKEND_PACKAGES):
        return True
    return bool(rest) and rest[0] in ALLOWED_PACKAGES


def _walk(config: object) -> Iterator[dict[str, object]]:
    stack, seen = [config], 0
    while stack and seen < _MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            yield node
            stack.extend(_children(node))
        elif isinstance(node, list):
            stack.extend(node)


def _children(node: dict[str, object]) -> list[object]:
    """What a node holds; a TorchModuleWrapper's ``module`` is a pickle, not a module name
    (``torch_modules`` hands it to the scanner)."""
    inner = node.get("config")
    if node.get("class_name") != _TORCH_WRAPPER or not isinstance(inner, dict):
        return list(node.values())
    rest = {k: v for k, v in inner.items() if k != "module"}
    return [v for k, v in node.items() if k != "config"] + [rest]


def torch_modules(config: object) -> Iterator[tuple[str, bytes | None]]:
    """(layer name, bytes) of the torch module every ``TorchModuleWrapper`` layer holds: the
    base64 of a ``torch.save`` zip that Keras hands to ``torch.load`` (None: not base64)."""
    for node in _walk(config):
        inner = node.get("config")
        if node.get("class_name") == _TORCH_WRAPPER and isinstance(inner, dict):
            text = inner.get("module")
            try:
                blob = base64.b64decode(str(text).encode("ascii"), validate=True)
            except (ValueError, UnicodeEncodeError):
                blob = None
            yield _name(node), blob


def _builtin_ref(name: str) -> tuple[str, str, Confidence] | None:
    """Module ``builtins``: Keras 3 looks the name up in its own namespaces (keras.ops,
    keras.activations, ...), but before 3.9 then fell back to importing the module, so
    Python's own gadgets named there (eval, exec, open, getattr, ...) are findings."""
    if default_dangerous().dangerous_name(name) or name == "getattr":
        return "keras.module-not-allowed", f"config calls the Python built-in {name}", _D
    return None


def _function_ref(
    module: str, name: str, *, keras3: bool = False
) -> tuple[str, str, Confidence] | None:
    """A function referenced by name: allowed if Keras's own, one of TensorFlow's tensor
    arithmetic modules (a Lambda over ``tf.nn.relu``), or on the pickle allow-list."""
    if keras3 and module == "builtins":
        return _builtin_ref(name)
    if module_allowed(module) or default_allowlist().allows(module, name):
        return None
    if module in TF_MATH_MODULES and not default_dangerous().dangerous_name(name):
        return None
    return (
        "keras.module-not-allowed",
        f"config calls the function {module}.{name}",
        classify(module, name),
    )


def _file_refs(node: dict[str, object]) -> Iterator[tuple[str, str, Confidence]]:
    inner = node.get("config")
    if not isinstance(inner, dict):
        return
    for key in _FILE_KEYS:
        value = inner.get(key)
        if isinstance(value, str) and value:
            yield (
                "keras.file-reference",
                f"layer {_name(node)} reads {value!r} (its {key}) when the model loads",
                _D,
            )


def _bytecode_lambda(node: dict[str, object]) -> bool:
    """A Lambda whose function is not a by-name reference (reported here, not below it)."""
    inner = node.get("config")
    if not isinstance(inner, dict) or inner.get("function_type") == "lambda":
        return not isinstance(inner, dict)
    function = inner.get("function")
    if isinstance(function, dict):
        return function.get("class_name") not in ("function", "__lambda__")
    return not (isinstance(function, str) and inner.get("function_type") == "raw")


def _node_problems(node: dict[str, object]) -> Iterator[tuple[str, str, Confidence]]:
    class_name = node.get("class_name")
    module = node.get("module")
    bytecode = class_name == "Lambda" and _bytecode_lambda(node)
    if class_name == "__lambda__" or node.get("function_type") == "lambda" or bytecode:
        yield "keras.lambda", f"Lambda layer {_name(node)} carries Python bytecode", _D
    elif node.get("function_type") == "raw" and isinstance(node.get("function"), str):
        found = _function_ref(str(module or "builtins"), str(node["function"]))
        yield from (found,) if found else ()
    elif (
        class_name == "function" and isinstance(module, str) and isinstance(node.get("config"), str)
    ):
        found = _function_ref(module, str(node["config"]), keras3=True)
        yield from (found,) if found else ()
    elif class_name in _TF_OP_CLASSES:
        inner = node.get("config")
        op = inner.get("function") if isinstance(inner, dict) else None
        yield (
            "keras.tf-op-lambda",
            f"{class_name} layer {_name(node)} calls the TensorFlow operation "
            f"{_op(node)} when the model runs",
            _U if isinstance(op, str) and not risky_api(op) else _D,
        )
    elif class_name in _WRAPPERS:
        yield (
            "keras.wrapped-model",
            f"{class_name} layer {_name(node)} loads another saved model from its config",
            _D,
        )
    elif isinstance(module, str) and not module_allowed(module):
        keras_own = module.split(".")[0] in ("keras", "tf_keras")
        yield (
            "keras.module-not-allowed",
            f"config imports {module}.{class_name} (not a Keras layer or model module)",
            _D if keras_own else classify(module, str(class_name)),
        )
    elif isinstance(node.get("registered_name"), str) and ">" in str(node["registered_name"]):
        yield (
            "keras.module-not-allowed",
            f"config needs the custom object {node['registered_name']}",
            _U,
        )
    if class_name not in (None, "function", "__lambda__"):
        yield from _file_refs(node)


def config_problems(config: object) -> Iterator[tuple[str, str, Confidence]]:
    """(rule, message, confidence) for every risky construct in ``config``."""
    for node in _walk(config):
        yield from _node_problems(node)


def _op(node: dict[str, object]) -> str:
    inner = node.get("config")
    op = inner.get("function") if isinstance(inner, dict) else None
    return repr(op) if isinstance(op, str) else "(unnamed)"


def _name(node: dict[str, object]) -> str:
    inner = node.get("config")
    name = inner.get("name") if isinstance(inner, dict) else None
    return repr(name) if name else "(unnamed)"


__all__ = ["ALLOWED_PACKAGES", "config_problems", "module_allowed", "torch_modules"]
