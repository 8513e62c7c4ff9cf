"""The guards benchmark's quick mode: its JSON, and figures that can fail.

Quick mode samples 300 rows of the test split (fixed seed) and trains the TF-IDF baseline on
3,000 training rows. The shipped fast tier measures F1 0.972 / FPR 1.04% on the whole split
(docs/guards.md); on the sample the floors below leave room for sampling noise but not for a
broken detector, a broken metric, or a benchmark that scores the wrong labels. Without the
data the test skips, and fails under SAI_REQUIRE_SERVICES=1 as CI runs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import shared_data

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "guards.py"


class TestGuardsBenchmark:
    def test_quick_mode_measures_the_fast_tier(self, tmp_path: Path) -> None:
        split = shared_data("data", "prompt_injection", "test.jsonl", env="SAI_DATA_DIR")
        output = tmp_path / "guards.json"
        command = [sys.executable, str(SCRIPT), "--quick", "--data", str(split.parent)]
        done = subprocess.run(
            [*command, "--output", str(output)],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "guards benchmark (quick)" in done.stdout
        result = json.loads(output.read_text())
        assert result["mode"] == "quick"
        assert result["test_rows"] == 300
        for length in ("50", "500", "5000"):
            assert result["latency_ms"]["fast"][length]["p50"] > 0
        fast, baseline = result["quality"]["fast"], result["quality"]["tfidf-baseline"]
        assert fast["f1"] >= 0.93
        assert fast["fpr"] <= 0.04
        assert fast["roc_auc"] >= 0.98
        # F1 is the harmonic mean of the precision and the TPR the same run reports.
        harmonic = 2 * fast["precision"] * fast["tpr"] / (fast["precision"] + fast["tpr"])
        assert abs(fast["f1"] - harmonic) < 1e-9
        # The shipped tier beats a baseline trained in the run on a tenth of the data.
        assert fast["f1"] > baseline["f1"]
        # Benign check set: 60 rows in quick mode; the per-genre and per-language rates are
        # the same flags counted another way.
        benign = result["benign"]
        assert benign["rows"] == 60
        for name in ("document", "guard", "direct-fast"):
            for key in ("genre", "lang"):
                groups = benign[name][key].values()
                assert sum(g["rows"] for g in groups) == 60
                flagged = sum(g["rows"] * g["fpr"] for g in groups)
                assert abs(flagged / 60 - benign[name]["fpr"]) < 1e-9
