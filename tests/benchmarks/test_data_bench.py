"""The data benchmark's quick mode runs and writes its JSON (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "data.py"


@pytest.mark.slow
def test_quick_mode_writes_json(tmp_path: Path) -> None:
    output = tmp_path / "data.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(output.read_text())
    assert result["mode"] == "quick"
    (row,) = result["label_issues"]
    assert row["sai"]["recall"] >= 0.8
    assert result["row_manifest"]["rows"] == 200_000
    assert result["verify"]["bytes"] == 64 << 20
