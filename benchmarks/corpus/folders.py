"""Model folders scanned as one unit: a Hugging Face repository, a TensorFlow SavedModel, and
ONNX with its external data in a subfolder. Their companion files (tokenizers, variables,
fingerprints, raw tensor data) are judged as parts of the model, not as unknown formats.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from typing import Any

from benchmarks.corpus import build as b
from benchmarks.corpus import build_more as m
from benchmarks.corpus.sample import Sample
from benchmarks.corpus.stubs import Tensor, pickle_with, storages, torch_pickle


class SchedulerType(enum.Enum):
    """Stand-in for transformers.trainer_utils.SchedulerType."""

    LINEAR = "linear"


class IntervalStrategy(enum.Enum):
    """Stand-in for transformers.trainer_utils.IntervalStrategy."""

    STEPS = "steps"


@dataclass
class TrainingArguments:
    """Stand-in for transformers.TrainingArguments (a few of its many fields)."""

    output_dir: str = "out"
    learning_rate: float = 5e-5
    num_train_epochs: float = 3.0
    lr_scheduler_type: SchedulerType = SchedulerType.LINEAR
    eval_strategy: IntervalStrategy = IntervalStrategy.STEPS
    report_to: list[str] = field(default_factory=lambda: ["none"])


def training_args_bin() -> bytes:
    """``training_args.bin`` as transformers' Trainer writes it (torch.save of the dataclass)."""
    modules: dict[str, dict[str, Any]] = {
        "transformers.training_args": {"TrainingArguments": TrainingArguments},
        "transformers.trainer_utils": {
            "SchedulerType": SchedulerType,
            "IntervalStrategy": IntervalStrategy,
        },
    }
    return pickle_with(modules, TrainingArguments(), protocol=2)


def _json(value: object) -> bytes:
    return json.dumps(value, indent=2).encode()


def hf_repository(config: dict[str, object] | None = None) -> dict[str, bytes]:
    """The files of a small BERT-style repository as ``save_pretrained`` leaves them."""
    state = {"classifier.weight": Tensor("0", (2, 4)), "classifier.bias": Tensor("1", (2,))}
    header = {"classifier.weight": {"dtype": "F32", "shape": [2, 4], "data_offsets": [0, 32]}}
    return {
        "config.json": _json(
            config
            or {
                "architectures": ["BertForSequenceClassification"],
                "model_type": "bert",
                "hidden_size": 4,
                "num_labels": 2,
                "transformers_version": "4.57.0",
            }
        ),
        "model.safetensors": b.safetensors({"__metadata__": {"format": "pt"}, **header}, bytes(32)),
        "pytorch_model.bin": b.torch_zip(torch_pickle(state), storages(state)),
        "training_args.bin": training_args_bin(),
        "tokenizer.json": _json({"version": "1.0", "model": {"type": "WordPiece", "vocab": {}}}),
        "tokenizer_config.json": _json({"tokenizer_class": "BertTokenizer", "do_lower_case": True}),
        "special_tokens_map.json": _json({"unk_token": "[UNK]"}),
        "generation_config.json": _json({"max_length": 32}),
        "vocab.txt": b"[PAD]\n[UNK]\nmodel\n",
        "tokenizer.model": m.sentencepiece(),
        "README.md": b"# tiny model\n",
    }


def saved_model(ops: tuple[str, ...] = m.ORDINARY_OPS) -> dict[str, bytes]:
    """A SavedModel folder: graph, variables, fingerprint, Keras metadata, an asset."""
    return {
        "saved_model.pb": m.saved_model(ops, function_ops=("MatMul", "Relu", "Identity")),
        "fingerprint.pb": m.fingerprint(),
        "keras_metadata.pb": b.pb_field(1, b.pb_field(1, b"layer")),
        "variables/variables.index": b"\x00\x01" + bytes(30) + b"\x57\xfb\x80\x8b\x24\x75\x47\xdb",
        "variables/variables.data-00000-of-00001": bytes(64),
        "assets/vocab.txt": b"a\nb\n",
    }


def onnx_with_external_data() -> dict[str, bytes]:
    """ONNX whose weights live in ``weights/model.bin`` (raw float32, not a pickle)."""
    return {"model.onnx": m.onnx_external("weights/model.bin"), "weights/model.bin": bytes(16)}


def folder_samples() -> list[Sample]:
    """The benign model folders."""
    return [
        Sample("real/hf-bert", b"", False, "hf folder", hf_repository()),
        Sample("real/savedmodel", b"", False, "savedmodel folder", saved_model()),
        Sample("real/onnx-external", b"", False, "onnx folder", onnx_with_external_data()),
    ]


__all__ = ["folder_samples", "hf_repository", "onnx_with_external_data", "saved_model"]
