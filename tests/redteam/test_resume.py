"""Runs killed with SIGKILL or interrupted with Ctrl-C resume without repeating judged attempts,
and end with the findings of an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sai.gateway.server import RunningServer
from sai.redteam.findings import summarise
from sai.redteam.mock_llm import WEAKNESSES, MockLLM
from sai.redteam.runlog import LOG_NAME, read_log
from sai.redteam.session import RunRequest, start_run

from .conftest import PRIVATE_DOCS


def _cli(url: str, out: Path, docs: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sai",
        "redteam",
        "run",
        "--target",
        f"openai:{url}",
        "--model",
        "m",
        "--private-docs",
        str(docs),
        "--out",
        str(out),
        "--parallel",
        "2",
        "--seed",
        "3",
        *extra,
    ]


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[2] / "src")
    return {**os.environ, "PYTHONPATH": src, "SAI_WORKSPACE": "", "NO_COLOR": "1"}


def _findings(out: Path) -> list[tuple[str, str, int, int]]:
    summary = summarise(read_log(out))
    return [(f.category.value, f.probe, f.hits, f.total) for f in summary.findings]


def _wait_for_results(
    out: Path, process: subprocess.Popen[str] | subprocess.Popen[bytes], at_least: int
) -> bool:
    """Wait (bounded) until the log holds ``at_least`` more result lines or the run ends;
    true if the lines arrived (a loaded machine can take long to start the CLI)."""
    deadline = time.monotonic() + 120

    def results() -> int:
        try:
            return (out / LOG_NAME).read_bytes().count(b'"type":"result"')
        except FileNotFoundError:
            return 0

    target = results() + at_least
    while results() < target and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return results() >= target


def _judged_once(out: Path) -> None:
    lines = (out / LOG_NAME).read_text(encoding="utf-8").split("\n")
    judged = Counter(
        record["attempt"]
        for record in (json.loads(line) for line in lines if line)
        if record["type"] == "result" and record["status"] == "ok"
    )
    assert judged, "the run judged something"
    assert max(judged.values()) == 1, "an attempt was judged twice"


class TestResume:
    def test_killed_runs_resume_to_the_uninterrupted_findings(
        self, serve: Callable[..., RunningServer], tmp_path: Path, private_docs: Path
    ) -> None:
        reference_server = serve(MockLLM(WEAKNESSES, memory=PRIVATE_DOCS))
        reference = tmp_path / "reference"
        start_run(
            RunRequest(
                target=f"openai:{reference_server.url}/v1",
                model="m",
                out=reference,
                private_docs=private_docs,
                seed=3,
            )
        )
        slow = MockLLM(WEAKNESSES, memory=PRIVATE_DOCS, latency=0.03)
        url = f"{serve(slow).url}/v1"
        out = tmp_path / "killed"
        rng = random.Random(15)
        process = subprocess.Popen(_cli(url, out, private_docs), env=_env())
        kills = 0
        for _ in range(3):  # bounded: kill at a random point, resume, kill again
            _wait_for_results(out, process, rng.randint(1, 12))
            if process.poll() is not None:
                break
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            kills += 1
            process = subprocess.Popen(_cli(url, out, private_docs, "--resume"), env=_env())
        assert process.wait(timeout=120) == 1, "a finished run with findings exits 1"
        assert kills >= 1, "the run was killed at least once"
        _judged_once(out)
        assert summarise(read_log(out)).complete
        assert _findings(out) == _findings(reference)

    def test_ctrl_c_keeps_finished_attempts(
        self, serve: Callable[..., RunningServer], tmp_path: Path, private_docs: Path
    ) -> None:
        url = f"{serve(MockLLM(WEAKNESSES, memory=PRIVATE_DOCS, latency=0.05)).url}/v1"
        out = tmp_path / "interrupted"
        process = subprocess.Popen(
            _cli(url, out, private_docs), env=_env(), stderr=subprocess.PIPE, text=True
        )
        # Interrupt only once attempts have finished (the run's handler is installed by then).
        assert _wait_for_results(out, process, 5), "the run wrote no results in time"
        assert process.poll() is None, "the run finished before it could be interrupted"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=20)
        assert process.returncode == 130
        assert "--resume" in stderr
        before = len(read_log(out).results)
        resumed = subprocess.run(
            _cli(url, out, private_docs, "--resume"),
            env=_env(),
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert resumed.returncode == 1, resumed.stderr  # finished, with findings
        assert len(read_log(out).results) >= before
        _judged_once(out)
        assert summarise(read_log(out)).complete
