"""The scanning benchmark's quick mode runs and writes its JSON (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "scanning.py"


@pytest.mark.slow
class TestScanningBenchmark:
    def test_quick_mode_writes_json(self, tmp_path: Path) -> None:
        output = tmp_path / "scanning.json"
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
        sai = result["detection"]["tools"]["sai"]
        assert sai["fn"] == 0
        assert sai["fp"] == 0
        assert set(result["throughput"]) == {"checkpoint_8MB", "small_pickles"}
        for row in result["throughput"].values():
            tools = {"sai", "sai-digest", "sai-cli-cold", "sai-cli"}
            assert set(row["cpu_seconds"]) == tools
            assert all(row[tool] > 0 and row["cpu_seconds"][tool] > 0 for tool in tools)

    def test_throughput_only_skips_detection(self, tmp_path: Path) -> None:
        output = tmp_path / "scanning.json"
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--quick", "--throughput-only", "--output", str(output)],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        result = json.loads(output.read_text())
        assert "detection" not in result
        assert "CPU seconds" in done.stdout
