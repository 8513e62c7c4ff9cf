"""The example in docs/manifest.md is a valid manifest."""

from __future__ import annotations

import re
from pathlib import Path

from sai.manifest import load_manifest_bytes

DOC = Path(__file__).resolve().parents[2] / "docs" / "manifest.md"


def test_documented_example_is_valid(tmp_path: Path) -> None:
    example = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    for name in (
        "models/credit_scorer.joblib",
        "data/loans.csv",
        "prompts/system.txt",
        "config/guards.yaml",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    loaded = load_manifest_bytes(example.group(1).encode(), path=tmp_path / "sai.yaml")
    assert loaded.warnings == ()
    assert len(loaded.manifest.assets()) == 5
