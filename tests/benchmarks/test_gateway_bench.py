"""The gateway benchmark's quick mode runs, audits every request and writes its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "gateway.py"


class TestGatewayBenchmark:
    def test_quick_mode(self, tmp_path: Path) -> None:
        output = tmp_path / "gateway.json"
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--quick", "--output", str(output)],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        result = json.loads(output.read_text())
        assert result["mode"] == "quick"
        for name in ("direct", "sai", "sai+guards"):
            assert result[name]["rps"] > 0
        assert result["sai"]["every_request_audited"] is True
        assert result["sai+guards"]["every_request_audited"] is True
