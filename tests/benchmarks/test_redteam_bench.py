"""The red-team benchmark's quick mode runs sai's side and writes its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "redteam.py"


class TestRedteamBenchmark:
    def test_quick_mode(self, tmp_path: Path) -> None:
        output = tmp_path / "redteam.json"
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
        sai = result["llm"]["sai"]
        assert sai["attempts"] > 0
        assert "direct-injection" in sai["found"]
        assert result["membership_inference"]["sai"]["auc"] > 0.6
