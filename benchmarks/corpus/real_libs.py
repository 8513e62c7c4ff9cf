"""Files written by the real PyTorch, Keras (torch and TensorFlow backends), TensorFlow and
transformers, committed under ``fixtures/libs`` (``make_real_models.py`` writes them again;
``fixtures/libs/PROVENANCE.md`` records the versions and digests).

``fixtures/libs/<kind>/<part>/<entry>``: ``kind`` is ``benign`` or ``malicious``; an entry
that is a folder (a SavedModel, a ``save_pretrained`` folder, a Trainer run) is one model
folder, scanned as a unit. Benign samples are named ``real/libs/...`` so the benchmark counts
them among the real-library files; malicious ones ``libs/...``.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus.sample import Sample

LIBS = Path(__file__).resolve().parent / "fixtures" / "libs"
#: Techniques of the samples whose name says less than the test needs (a project's own
#: class is reported as an unknown callable, never as dangerous).
_TECHNIQUES = {
    "benign/torch/whole-custom-module.pt": "torch whole module, unknown callable",
    "malicious/torch/torchscript-from-file.pt": "torchscript reads a file (real torch)",
    "malicious/torch/checkpoint-os-system.pt": "torch.save os.system reduce (real torch)",
    "malicious/torch/legacy-os-system.pt": "legacy torch.save os.system reduce (real torch)",
    "malicious/keras-torch/lambda-bytecode.keras": "keras-on-torch Lambda bytecode",
    "malicious/keras-torch/lambda-bytecode.h5": "keras-on-torch h5 Lambda bytecode",
    "malicious/keras-torch/torch-module-wrapper-os-system.keras": "keras TorchModuleWrapper pickle",
    "malicious/keras-torch/torch-module-wrapper-os-system.h5": "keras h5 TorchModuleWrapper pickle",
    "malicious/tf-keras/keras2-lambda-bytecode.h5": "keras 2 h5 Lambda bytecode (real tf_keras)",
    "malicious/tf/savedmodel-read-file": "savedmodel tf.io.read_file (real tf)",
    "malicious/tf/savedmodel-write-file": "savedmodel tf.io.write_file (real tf)",
    "malicious/tf/savedmodel-py-function": "savedmodel tf.py_function (real tf)",
}


def _sample(kind: str, entry: Path) -> Sample:
    relative = entry.relative_to(LIBS).as_posix()
    malicious = kind == "malicious"
    name = f"libs/{relative.removeprefix('malicious/')}" if malicious else f"real/libs/{relative}"
    technique = _TECHNIQUES.get(relative, f"{entry.parent.name} (real library)")
    if entry.is_dir():
        files = {
            p.relative_to(entry).as_posix(): p.read_bytes()
            for p in sorted(entry.rglob("*"))
            if p.is_file()
        }
        return Sample(name, b"", malicious, technique, files)
    return Sample(name, entry.read_bytes(), malicious, technique)


def libs_samples(kind: str) -> list[Sample]:
    """Every committed real-library sample of ``kind`` (``benign`` or ``malicious``)."""
    return [
        _sample(kind, entry)
        for part in sorted((LIBS / kind).iterdir())
        if part.is_dir()
        for entry in sorted(part.iterdir())
    ]


__all__ = ["LIBS", "libs_samples"]
