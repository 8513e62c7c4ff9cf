"""Several worker processes: exact shared limits through Redis; a worker SIGKILLed under load."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from sai.gateway import KIND, MockUpstream, create_key, serve_in_thread
from sai.ledger import CADENCE_ENV, CheckpointCadence, open_ledger
from sai.store.schema import ledger_checkpoints
from sai.workspace import open_workspace

MANIFEST = """\
version: 1
name: worker test
intended_use: Testing the gateway with several workers.
roles: [system_operator]
people:
  owners: [{{name: Test team}}]
  security_contact: https://example.test/security
upstream:
  base_url: {upstream}
gateway:
  policies:
    requests_per_minute: {limit}
    window_seconds: 3600
    concurrent_requests: 64
guards:
  input: [invisible]
  output: [invisible]
"""
BODY = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _start(
    root: Path, workers: int, env: dict[str, str], extra: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sai",
            "gateway",
            "serve",
            "--workers",
            str(workers),
            "--port",
            str(port),
            "-w",
            str(root),
            *extra,
        ],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # generous: workers import slowly on a loaded machine
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError(f"gateway did not start: {proc.stderr.read() if proc.stderr else ''}")


@pytest.fixture
def upstream() -> Iterator[str]:
    server = serve_in_thread(MockUpstream())
    yield f"{server.url}/v1"
    server.stop()


def _setup(root: Path, upstream: str, limit: int) -> str:
    (root / "sai.yaml").write_text(MANIFEST.format(upstream=upstream, limit=limit))
    with open_ledger(open_workspace(root)) as ledger:
        return create_key(ledger, "load", "user", roles=("user",)).secret


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.mark.slow
@pytest.mark.services
def test_redis_limit_holds_across_four_workers(
    workspace_dir: Path, upstream: str, redis_url: str
) -> None:
    secret = _setup(workspace_dir, upstream, limit=40)
    left = 3600 - time.time() % 3600  # the window resets on the hour: keep the run clear of it
    if left < 90:
        time.sleep(left + 0.1)
    proc, url = _start(workspace_dir, 4, {"SAI_REDIS_URL": redis_url})
    try:
        with httpx.Client(
            base_url=url, timeout=30, headers={"authorization": f"Bearer {secret}"}
        ) as client:
            # each request on a fresh connection, so the kernel spreads them over the workers
            def call(_: int) -> int:
                return httpx.post(
                    f"{url}/v1/chat/completions", json=BODY, timeout=30, headers=client.headers
                ).status_code

            with ThreadPoolExecutor(16) as pool:
                statuses = list(pool.map(call, range(120)))
        assert statuses.count(200) == 40, sorted(statuses)
        assert statuses.count(429) == 80
    finally:
        _stop(proc)
        import redis

        client = redis.Redis.from_url(redis_url)
        key_id = secret.split("_")[1]
        for key in client.scan_iter(f"sai:gw:key:{key_id}*"):
            client.delete(key)


@pytest.mark.slow
@pytest.mark.parametrize("durability", ["power_loss", "process_crash"])
def test_sigkill_of_a_worker_loses_no_answered_entry(
    workspace_dir: Path, upstream: str, durability: str
) -> None:
    # process_crash commits without fsync: a killed process must still lose nothing answered
    secret = _setup(workspace_dir, upstream, limit=100_000)
    cadence = CheckpointCadence(200, 1.0)  # small, so the run crosses it many times
    env = {"SAI_LEDGER_DURABILITY": durability, CADENCE_ENV: str(cadence)}
    proc, url = _start(workspace_dir, 2, env)
    answered: list[str] = []
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            try:
                reply = httpx.post(
                    f"{url}/v1/chat/completions",
                    json=BODY,
                    timeout=10,
                    headers={"authorization": f"Bearer {secret}"},
                )
            except httpx.HTTPError:
                continue
            answered.append(reply.headers["x-request-id"])

    threads = [threading.Thread(target=load) for _ in range(6)]
    try:
        for t in threads:
            t.start()
        time.sleep(1.5)
        workers = _children(proc.pid)
        assert workers, "uvicorn started no worker processes"
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(2.5)
    finally:
        stop.set()
        for t in threads:
            t.join(20)
        _stop(proc)
    assert len(answered) > 20
    with open_ledger(open_workspace(workspace_dir), read_only=True) as ledger:
        report = ledger.verify(strict=True)
        assert report.ok, report.problems
        entries = ledger.query(kind=KIND)
        with ledger.engine.connect() as conn:
            table = ledger_checkpoints
            signed = conn.execute(
                sa.select(table.c.size, table.c.created_at).order_by(table.c.id)
            ).all()
    ids = [e.evidence.data["request_id"] for e in entries]
    assert len(ids) == len(set(ids)), "a request was logged twice"
    missing = set(answered) - set(ids)
    assert not missing, f"{len(missing)} answered requests have no ledger entry"
    # every acknowledged entry is covered within the cadence (6 requests in flight, 1 s slack)
    assert len(signed) >= 3, f"{len(entries)} entries, checkpoints at {[s for s, _ in signed]}"
    acknowledged = [e for e in entries if e.evidence.data["request_id"] in set(answered)]
    for entry in acknowledged:
        size, created = next((int(s), c) for s, c in signed if int(s) > entry.index)
        created = created if created.tzinfo else created.replace(tzinfo=UTC)
        late = (created - entry.evidence.time).total_seconds()
        assert size - entry.index <= cadence.entries + 6 or late <= cadence.seconds + 1.0, (
            f"entry {entry.index} waited {late:.1f} s and {size - entry.index} entries"
        )


@pytest.mark.slow
def test_workers_enforce_the_manifest_given_on_the_command_line(
    workspace_dir: Path, upstream: str
) -> None:
    secret = _setup(workspace_dir, upstream, limit=100)
    other = workspace_dir / "strict.yaml"
    other.write_text(MANIFEST.format(upstream=upstream, limit=2))
    proc, url = _start(workspace_dir, 2, {}, ("--manifest", str(other)))
    try:
        statuses = [
            httpx.post(
                f"{url}/v1/chat/completions",
                json=BODY,
                timeout=10,
                headers={"authorization": f"Bearer {secret}"},
            ).status_code
            for _ in range(6)
        ]
    finally:
        _stop(proc)
    # two workers, each with in-process limits of strict.yaml (2 per window), not sai.yaml's 100
    assert statuses.count(200) <= 4
    assert 429 in statuses


def _checkpoints(root: Path) -> list[int]:
    with open_ledger(open_workspace(root), read_only=True) as ledger, ledger.engine.connect() as c:
        rows = c.execute(sa.select(ledger_checkpoints.c.size).order_by(ledger_checkpoints.c.id))
        return [int(size) for (size,) in rows]


@pytest.mark.slow
def test_the_cadence_option_reaches_the_workers_and_wins_over_the_environment(
    workspace_dir: Path, upstream: str
) -> None:
    secret = _setup(workspace_dir, upstream, limit=100)
    before = _checkpoints(workspace_dir)
    # the environment's cadence would sign nothing before shutdown; the option every 4 entries
    env = {CADENCE_ENV: "100000/3600s"}
    proc, url = _start(workspace_dir, 2, env, ("--checkpoint-cadence", "4/3600s"))
    try:
        for _ in range(12):
            reply = httpx.post(
                f"{url}/v1/chat/completions",
                json=BODY,
                timeout=10,
                headers={"authorization": f"Bearer {secret}"},
            )
            assert reply.status_code == 200
        signed = _checkpoints(workspace_dir)[len(before) :]
    finally:
        _stop(proc)
    # 12 entries one after another: a checkpoint at least every 4 of them while serving
    assert len(signed) >= 2, signed
    assert all(b - a <= 4 + 1 for a, b in zip([before[-1], *signed], signed, strict=False))
