"""The ledger bytes of scan evidence: fixed for a fixed batch, whatever shortcuts build them.

`sai scan` builds, checks and appends one entry per file, and that path is tuned for speed;
the bytes it stores must stay exactly those of the canonical encoder. The expected digest was
recorded by the tree before the per-entry shortcuts (commit 641ff25) for the same batch.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sai.ledger import EvidenceError, canonical_json, parse_canonical
from sai.scanning.declared import DeclaredModel, DeclaredModels
from sai.scanning.record import scans_evidence
from sai.scanning.result import ArtifactResult, Confidence, Finding, ScanVerdict, Severity

WHEN = datetime(2026, 12, 7, 8, 30, 1, 123456, tzinfo=UTC)
#: sha256 over the batch's leaves, one after another (recorded from commit 641ff25).
EXPECTED = "f333db2ae6982149d18d8ee3e959b07c5834ab81075fdd723d0455eba21405de"


def _batch(root: Path) -> list[ArtifactResult]:
    """Results for files under ``root``: clean, dangerous, unknown, non-ASCII, companion, one
    reached through a linked folder, one declared as a model."""
    (root / "real").mkdir()
    (root / "linked").symlink_to(root / "real", target_is_directory=True)
    digest = "sha256:" + "ab" * 32
    reduce = Finding(
        "pickle.dangerous_callable",
        Severity.critical,
        "calls os.system with 'echo \"hi\"\\n'",
        member="archive/data.pkl",
        offset=17,
        callable="os.system",
    )
    unknown = Finding(
        "pickle.unknown_callable",
        Severity.medium,
        "x" * 400,
        callable="lib.Thing",
        confidence=Confidence.unknown,
    )
    note = Finding("format.note", Severity.info, "née café ✓ \u2028 tab\there")
    return [
        ArtifactResult(str(root / "clean.pkl"), digest, 120, "pickle", ScanVerdict.safe),
        ArtifactResult(
            str(root / "real" / "bad.pt"),
            digest,
            9_007_199_254_740_991,
            "zip",
            ScanVerdict.unsafe,
            (reduce, unknown, note),
            inner_formats=("zip", "pickle"),
        ),
        ArtifactResult(
            str(root / "linked" / "modèle ü.pkl"),
            digest,
            0,
            "pickle",
            ScanVerdict.review,
            (unknown,),
        ),
        ArtifactResult(
            str(root / "real" / "variables.data"),
            "",
            3,
            "unknown",
            ScanVerdict.safe,
            part_of="real/saved_model.pb",
        ),
        ArtifactResult(str(root / "model.onnx"), digest, 7, "onnx", ScanVerdict.safe),
    ]


def _leaves(root: Path) -> list[bytes]:
    models = DeclaredModels(
        (DeclaredModel("fraud-model", root / "model.onnx", "hf://org/model", in_house=False),)
    )
    evidence = scans_evidence(_batch(root), manifest=models, root=root, time=WHEN)
    return [item.leaf_bytes() for item in evidence]


def test_the_leaves_of_a_fixed_batch_are_the_recorded_bytes(tmp_path: Path) -> None:
    leaves = _leaves(tmp_path)
    assert len(leaves) == 5
    assert hashlib.sha256(b"".join(leaves)).hexdigest() == EXPECTED


def test_each_leaf_is_the_canonical_encoding_of_its_parse(tmp_path: Path) -> None:
    for leaf in _leaves(tmp_path):
        assert canonical_json(parse_canonical(leaf)) == leaf


def test_a_path_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    bad = ArtifactResult(str(tmp_path / "x\udcff.pkl"), "", 1, "pickle", ScanVerdict.safe)
    with pytest.raises(EvidenceError, match="surrogate"):
        scans_evidence([bad], manifest=None, root=tmp_path, time=WHEN)
