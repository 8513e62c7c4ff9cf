"""The scanning corpus: benign model files made with the real libraries, and malicious ones.

Shared by the scanner's tests and by ``benchmarks/scanning.py`` (which runs the peers on the
written folder). ``build_corpus()`` returns every sample in memory; ``write_corpus(folder)``
writes them out, model folders as folders. Malicious samples cover each technique class of
the public advisories (named in ``technique``); none of them is ever loaded.

    python -m benchmarks.corpus OUT   # write the corpus to OUT
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus.adversarial import adversarial_samples
from benchmarks.corpus.benign import benign as first_benign
from benchmarks.corpus.malicious_formats import formats
from benchmarks.corpus.malicious_pickles import in_containers
from benchmarks.corpus.real import real_benign
from benchmarks.corpus.real_libs import libs_samples
from benchmarks.corpus.real_review import review_benign
from benchmarks.corpus.review import review_malicious
from benchmarks.corpus.sample import ECHO, Sample
from benchmarks.corpus.second import second_malicious
from benchmarks.corpus.spec_formats import spec_benign, spec_malicious


def benign() -> list[Sample]:
    """Every benign sample: the first release's, then files made by the real libraries
    (including the committed ones of PyTorch, Keras, TensorFlow and transformers), then the
    second adversarial review's."""
    second_review = [s for s in adversarial_samples() if not s.malicious]
    return (
        first_benign()
        + real_benign()
        + review_benign()
        + libs_samples("benign")
        + second_review
        + spec_benign()
    )


def malicious() -> list[Sample]:
    """Every malicious sample: the first release's classes, the second's, the reviews', and
    payloads written with the real PyTorch, Keras and TensorFlow."""
    return (
        in_containers()
        + formats()
        + second_malicious()
        + review_malicious()
        + libs_samples("malicious")
        + [s for s in adversarial_samples() if s.malicious]
        + spec_malicious()
    )


def build_corpus() -> list[Sample]:
    """Every benign and malicious sample."""
    return benign() + malicious()


def write_sample(folder: Path, sample: Sample) -> Path:
    """Write one sample under ``folder``: a file, or a folder with its files."""
    path = folder / sample.name
    if sample.is_folder:
        for relative, content in sample.files.items():
            target = path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(sample.data)
    return path


def write_corpus(folder: Path) -> list[tuple[Path, Sample]]:
    """Write the corpus under ``folder``; returns each file (or model folder) with its sample."""
    return [(write_sample(folder, sample), sample) for sample in build_corpus()]


__all__ = [
    "ECHO",
    "Sample",
    "benign",
    "build_corpus",
    "malicious",
    "write_corpus",
    "write_sample",
]
