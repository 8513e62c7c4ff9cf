"""The ledger benchmark's quick mode runs and writes its JSON (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "ledger.py"


class TestLedgerBenchmark:
    def test_quick_mode_writes_json(self, tmp_path: Path) -> None:
        output = tmp_path / "ledger.json"
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--quick", "--no-postgres", "--output", str(output)],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "append throughput" in done.stdout
        result = json.loads(output.read_text())
        assert result["mode"] == "quick"
        sqlite = result["appends"][0]
        assert sqlite["backend"] == "sqlite"
        for key in ("plain_per_s", "single_per_s", "batched_per_s", "batched_ratio"):
            assert sqlite[key] > 0
        assert [row["size"] for row in result["scale"]["proofs"]] == [1_000, 10_000]
        assert result["scale"]["verify"]["entries"] == 10_000
