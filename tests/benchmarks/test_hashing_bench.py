"""The hashing benchmark's quick mode runs and writes its JSON (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "hashing.py"


class TestHashingBenchmark:
    def test_quick_mode_writes_json(self, tmp_path: Path) -> None:
        output = tmp_path / "hashing.json"
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--quick", "--size-mb", "16", "--output", str(output)],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "hashing throughput" in done.stdout
        result = json.loads(output.read_text())
        assert result["mode"] == "quick"
        for name in ("sai", "sai_shards", "sai_verify"):
            assert result["gb_per_s"][name] > 0
        assert result["bytes"] > 15_000_000
