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
        assert result["checkpoint_cadence"] == "1000/60s"
        for name in ("direct", "sai", "sai+rules", "sai+guards"):
            assert result[name]["rps"] > 0
        for name in ("sai", "sai+rules", "sai+guards"):
            assert result[name]["every_request_audited"] is True
            checkpoints = result[name]["checkpoints"]
            # the run is shorter than 60 s: the checkpoint at shutdown covers every entry
            assert checkpoints["held"] is True
            assert checkpoints["verify_strict"] is True
            assert checkpoints["checkpoints_signed"] >= 1
            # the target process's CPU per answered request, read from /proc
            assert result[name]["throughput"]["cpu_ms_per_request"] > 0
        cost = result["guard_cost_in_process"]
        assert cost["requests"] == 500
        assert cost["wall_p50_us"] > 0
        assert cost["cpu_per_request_us"] > 0
        # every guard of the default set, each direction
        assert set(cost["guard_p50_us"]) == {
            "input:invisible",
            "input:injection",
            "input:secrets",
            "output:invisible",
            "output:leakage",
            "output:exfiltration",
            "output:secrets",
            "output:pii",
        }
