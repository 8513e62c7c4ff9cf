"""SIGKILL at random points: disposal and transfer resume, and the ledger never says
"disposed" while a key copy or a file with the asset's bytes remains."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sai.disposal import approve
from sai.disposal.journal import load_journal
from sai.disposal.locate import scan
from sai.inventory.seal import custody_for
from sai.ledger import open_ledger
from sai.ledger.kinds import Kind
from sai.workspace import create_workspace, open_workspace
from tests.disposal.conftest import CUSTODIAN_MANIFEST, make_project, seal_and_snapshot
from tests.inventory.conftest import write_project

SRC = Path(__file__).resolve().parents[2] / "src"
KILLS = 20
MAX_RUNS = 90

SCRIPT = """
import sys, time
from pathlib import Path
from sai.disposal import DisposalRequest, dispose
from sai.disposal.transfer import transfer
from sai.ledger import open_ledger
from sai.manifest import load_manifest
from sai.workspace import open_workspace
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
root, mode = Path(sys.argv[1]), sys.argv[2]
ws = open_workspace(root)
loaded = load_manifest(root / "sai.yaml", missing_files="warning")
request = DisposalRequest("train-data", "killed and resumed", force=True)
print("ready", flush=True)
start = time.monotonic()
with open_ledger(ws) as ledger:
    if mode == "dispose":
        dispose(ledger, ws, loaded, request, actor="op")
    else:
        to = X25519PublicKey.from_public_bytes(bytes.fromhex(sys.argv[3]))
        transfer(ledger, ws, loaded, request, to, root.parent / "pkg.saipkg", actor="op")
print("done", time.monotonic() - start, flush=True)
"""


def _project(base: Path, n: int) -> tuple[Path, dict[str, int]]:
    root = base / f"p{n}"
    root.mkdir()
    create_workspace(root, name="kill")
    write_project(root, CUSTODIAN_MANIFEST)
    (root / "data.csv").write_bytes(os.urandom(2 << 20))
    import hashlib

    digests = {hashlib.sha256((root / "data.csv").read_bytes()).hexdigest(): 2 << 20}
    with open_ledger(open_workspace(root)) as ledger:
        project = make_project(root, ledger)
        seal_and_snapshot(project)
        digests[hashlib.sha256((root / "data.csv").read_bytes()).hexdigest()] = -1
        approve(ledger, project.loaded.manifest, "train-data", by="Dana Data", actor="d")
    return root, digests


def _invariant(root: Path, digests: dict[str, int]) -> bool:
    """True when the ledger says disposed; then nothing of the asset may remain."""
    ws = open_workspace(root)
    load_journal(ws.sai_dir / "disposal" / "journal", "train-data")  # never damaged
    with open_ledger(ws, read_only=True) as ledger:
        done = ledger.latest(kind=Kind.DISPOSAL_COMPLETED, subject="train-data") is not None
    if done:
        assert custody_for(ws, "train-data").copies("train-data") == ()
        assert scan([root], digests) == []
    return done


def _run(root: Path, mode: str, extra: list[str], delay: float | None) -> str | None:
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(root), mode, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    if delay is not None:
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return None
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["dispose", "transfer"])
def test_killed_at_random_points_resumes_safely(mode: str, tmp_path: Path) -> None:
    rng = random.Random(1307)
    kills, runs, span, finished, n = 0, 0, 0.6, 0, 0
    recipient = X25519PrivateKey.generate().public_key().public_bytes_raw().hex()
    extra = [recipient] if mode == "transfer" else []
    while kills < KILLS or finished < 2:
        assert runs < MAX_RUNS, f"only {kills} kills in {runs} runs"
        n += 1
        root, digests = _project(tmp_path, n)
        while True:
            runs += 1
            delay = rng.uniform(0, span) if kills < KILLS else None
            out = _run(root, mode, extra, delay)
            done = _invariant(root, digests)
            if out is None:
                kills += 1
                continue
            assert done
            span = max(0.05, float(out.split()[-1]) * 1.2)
            finished += 1
            break
        if mode == "transfer":
            (root.parent / "pkg.saipkg").unlink()
    assert kills >= KILLS
