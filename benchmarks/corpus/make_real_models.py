"""Write model files with the real PyTorch, Keras, TensorFlow and transformers (issue #21).

Run with the benchmark's ML venv, never the project's (sai does not depend on these):

    python3 -m venv benchmarks/.venv-peers/ml
    benchmarks/.venv-peers/ml/bin/pip install torch==2.13.0 keras==3.15.1 \\
        tensorflow-cpu==2.21.0 transformers accelerate safetensors onnx tf-keras==2.21.0 lightning
    benchmarks/.venv-peers/ml/bin/python benchmarks/corpus/make_real_models.py

Files land in ``fixtures/libs/{benign,malicious}/<part>/`` beside this script (committed;
``real_libs.py`` turns them into corpus samples, a folder there being one model folder).
Each part runs in its own process, as Keras picks its backend once per process: ``torch``
(checkpoints with training metadata, whole modules, legacy format, TorchScript, torch.export),
``keras-torch`` (Keras 3 under the torch backend), ``tf`` (SavedModel, Keras export, Keras
under TensorFlow), ``tf-keras`` (Keras 2 files, ONNX with external data), ``hf``
(transformers ``save_pretrained`` folders and a Trainer checkpoint). Benign files are what
users write every day; the malicious ones carry one payload each and are never loaded. A part
that fails (its library missing) is reported as FAILED and the others are still written.
``PROVENANCE.md`` there records the versions and each file's size and SHA-256.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fixtures" / "libs"
PARTS = ("torch", "keras-torch", "tf", "tf-keras", "hf")
_BACKEND = {
    "keras-torch": "torch",
    "tf": "tensorflow",
    "tf-keras": "tensorflow",
    "hf": "torch",
    "torch": "torch",
}
_MODULES = {
    "torch": "benchmarks.corpus._make_torch",
    "keras-torch": "benchmarks.corpus._make_keras",
    "tf": "benchmarks.corpus._make_tf",
    "tf-keras": "benchmarks.corpus._make_tf_keras",
    "hf": "benchmarks.corpus._make_hf",
}


def _versions() -> str:
    lines = [f"Python {sys.version.split()[0]}"]
    names = ("torch", "lightning", "keras", "tensorflow", "tf_keras", "transformers", "accelerate")
    names += ("onnx",)
    for name in (*names, "safetensors", "numpy", "h5py"):
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}; print({name}.__version__)"],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "KERAS_BACKEND": "torch", "TF_CPP_MIN_LOG_LEVEL": "3"},
        )
        version = done.stdout.strip().splitlines()[-1] if done.returncode == 0 else "not installed"
        lines.append(f"{name} {version}")
    return "\n".join(lines)


def _provenance() -> None:
    rows = []
    for path in sorted(p for p in HERE.rglob("*") if p.is_file() and p.name != "PROVENANCE.md"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        rows.append(f"{path.relative_to(HERE)}  {path.stat().st_size} bytes  sha256:{digest}")
    text = (
        "# Files written by the real libraries\n\n"
        "Written by `benchmarks/corpus/make_real_models.py` (run it to write them again; the\n"
        "bytes differ from run to run where a library stamps times or random ids).\n"
        "`benign/` files are ordinary models and checkpoints; `malicious/` ones each carry\n"
        "one payload (never loaded). A folder under `<kind>/<part>/` is one model folder.\n\n"
        "## Versions\n\n```\n" + _versions() + "\n```\n\n"
        "## Files\n\n```\n" + "\n".join(rows) + "\n```\n"
    )
    (HERE / "PROVENANCE.md").write_text(text)


def _run_part(part: str) -> None:
    """Write one part in this process (the caller set KERAS_BACKEND)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    module = importlib.import_module(_MODULES[part])
    for kind in ("benign", "malicious"):
        target = HERE / kind / part
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
    module.write(HERE / "benign" / part, HERE / "malicious" / part)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Writes under fixtures/libs/ and rewrites PROVENANCE.md there.",
    )
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated of {PARTS}")
    parser.add_argument("--in-process", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_process:
        _run_part(args.in_process)
        return
    for part in args.parts.split(","):
        if part not in PARTS:
            parser.error(f"unknown part {part!r}; choose from {', '.join(PARTS)}")
        env = {**os.environ, "KERAS_BACKEND": _BACKEND[part], "TF_CPP_MIN_LOG_LEVEL": "3"}
        env["PYTHONHASHSEED"] = "0"
        done = subprocess.run(
            [sys.executable, __file__, "--in-process", part], env=env, check=False
        )
        print(f"{part}: {'written' if done.returncode == 0 else 'FAILED (see above)'}")
    _provenance()


if __name__ == "__main__":
    main()
