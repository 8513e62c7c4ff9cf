"""Checks of a Keras model config (``config.json`` of ``.keras``, ``model_config`` of HDF5).

Keras imports the ``module`` and ``class_name`` named in the config. Only Keras's own layer,
model, optimiser, loss, metric, initialiser, regulariser, constraint, activation and dtype
modules are allowed; Lambda layers (Python bytecode) are always findings, and so are
``TFOpLambda``/``SlicingOpLambda`` layers, which call whatever TensorFlow operation they name.
"""

from __future__ import annotations

from collections.abc import Iterator

#: Keras sub-packages whose classes a config may name (also under ``keras.src.``).
ALLOWED_PACKAGES = frozenset(
    {
        "layers", "models", "optimizers", "losses", "metrics", "initializers",
        "regularizers", "constraints", "activations", "dtype_policies", "engine",
    }
)  # fmt: skip
_LAMBDA_CLASSES = frozenset({"Lambda", "__lambda__"})
_TF_OP_CLASSES = frozenset({"TFOpLambda", "SlicingOpLambda"})
_MAX_NODES = 1_000_000


def module_allowed(module: str) -> bool:
    """``keras`` itself or one of its allowed sub-packages (``keras[.src].<package>...``)."""
    parts = module.split(".")
    if parts[0] not in ("keras", "tf_keras") or len(parts) == 1:
        return parts in (["keras"], ["tf_keras"])
    rest = parts[2:] if parts[1] == "src" else parts[1:]
    return bool(rest) and rest[0] in ALLOWED_PACKAGES


def _walk(config: object) -> Iterator[dict[str, object]]:
    stack, seen = [config], 0
    while stack and seen < _MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def config_problems(config: object) -> Iterator[tuple[str, str]]:
    """(rule, message) for every Lambda, TF-op layer and disallowed module in ``config``."""
    for node in _walk(config):
        class_name = node.get("class_name")
        module = node.get("module")
        if class_name in _LAMBDA_CLASSES or node.get("function_type") == "lambda":
            yield "keras.lambda", f"Lambda layer {_name(node)} carries Python bytecode"
        elif class_name in _TF_OP_CLASSES:
            yield (
                "keras.tf-op-lambda",
                f"{class_name} layer {_name(node)} calls the TensorFlow operation "
                f"{_op(node)} when the model runs",
            )
        elif isinstance(module, str) and not module_allowed(module):
            yield (
                "keras.module-not-allowed",
                f"config imports {module}.{class_name} (not a Keras layer or model module)",
            )
        elif isinstance(node.get("registered_name"), str) and ">" in str(node["registered_name"]):
            yield (
                "keras.module-not-allowed",
                f"config needs the custom object {node['registered_name']}",
            )


def _op(node: dict[str, object]) -> str:
    inner = node.get("config")
    op = inner.get("function") if isinstance(inner, dict) else None
    return repr(op) if isinstance(op, str) else "(unnamed)"


def _name(node: dict[str, object]) -> str:
    inner = node.get("config")
    name = inner.get("name") if isinstance(inner, dict) else None
    return repr(name) if name else "(unnamed)"


__all__ = ["ALLOWED_PACKAGES", "config_problems", "module_allowed"]
