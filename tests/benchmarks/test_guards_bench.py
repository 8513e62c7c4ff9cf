"""The guards benchmark's quick mode runs and writes its JSON (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "guards.py"


class TestGuardsBenchmark:
    def test_quick_mode_writes_json(self, tmp_path: Path) -> None:
        output = tmp_path / "guards.json"
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--quick", "--output", str(output)],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "guards benchmark (quick)" in done.stdout
        result = json.loads(output.read_text())
        assert result["mode"] == "quick"
        for length in ("50", "500", "5000"):
            assert result["latency_ms"]["fast"][length]["p50"] > 0
        if result["quality"] is not None:
            assert 0.0 <= result["quality"]["fast"]["f1"] <= 1.0
