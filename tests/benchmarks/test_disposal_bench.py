"""The disposal benchmark's quick mode runs and writes its JSON (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "disposal.py"


def test_quick_mode_writes_json(tmp_path: Path) -> None:
    output = tmp_path / "disposal.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--output", str(output), "--dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "crypto-erase" in done.stdout
    result = json.loads(output.read_text())
    assert result["mode"] == "quick"
    assert result["bytes"] == 16 << 20
    assert result["key_gone"] is True
    assert result["verification"] == "passed"
    assert result["seconds"]["crypto_erase"] > 0
    assert result["seconds"]["shred_3_pass"] > 0
