"""The threats benchmark's quick mode runs and writes its JSON (sai's side; no timing claims)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "threats.py"


def test_quick_mode_without_peer(tmp_path: Path) -> None:
    output = tmp_path / "threats.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--no-peer", "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(output.read_text())
    assert result["mode"] == "quick"
    for row in result["systems"].values():
        assert row["sai"]["false"] == []
        assert row["sai"]["missed"] == []
    assert result["build_50_elements"]["sai"]["elements"] >= 50
