"""The monitoring benchmark's quick mode runs and writes its JSON (sai's side; no timing claims)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "monitoring.py"


def test_quick_mode_without_peer(tmp_path: Path) -> None:
    output = tmp_path / "monitoring.json"
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
    (run,) = result["runs"]
    assert run["rows"] == 20_000
    assert run["sai"]["found_injected"] == sorted(result["drifted_columns"])
    assert run["sai"]["false_alarms"] == []
    # A baseline of aggregates (the data classed personal) reaches the same decisions.
    assert run["sai_aggregates"]["found_injected"] == sorted(result["drifted_columns"])
    assert run["sai_aggregates"]["false_alarms"] == []
    assert run["sai_aggregates"]["same_decisions_as_values"] == 1.0
