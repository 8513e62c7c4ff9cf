"""The smaller findings of the gateway review, one regression test each."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from sai.gateway.metrics import multiprocess_metrics
from sai.manifest.schema import GatewayRoute, GatewaySpec, StreamingMode
from tests.gateway.conftest import Harness

HELLO = [{"role": "user", "content": "hi"}]


class TestBodies:
    @pytest.mark.parametrize(
        "raw",
        [
            b'{"model": "m", "messages": [], "n": ' + b"9" * 5001 + b"}",
            b'{"model": "m", "temperature": NaN, "messages": [{"role": "user", "content": "hi"}]}',
            b'{"model": "m", "top_p": -Infinity, "messages": []}',
        ],
    )
    def test_bad_numbers_are_400_and_never_forwarded(self, gateway: Harness, raw: bytes) -> None:
        with gateway.http() as http:
            answer = http.post(
                "/v1/chat/completions", content=raw, headers={"content-type": "application/json"}
            )
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "invalid_json"
        assert gateway.upstream.requests == 0


class TestBrokenStreams:
    @pytest.mark.parametrize("mode", [StreamingMode.buffer, StreamingMode.incremental])
    @pytest.mark.parametrize("model", ["mock-html-stream", "mock-cut-stream"])
    def test_a_stream_that_is_not_one_or_is_cut_off_is_not_a_success(
        self, make_gateway: Callable[..., Harness], mode: StreamingMode, model: str
    ) -> None:
        harness = make_gateway(gateway=GatewaySpec(streaming=mode))
        with harness.http() as http:
            answer = http.post(
                "/v1/chat/completions", json={"model": model, "messages": HELLO, "stream": True}
            )
        entry = harness.entries()[-1].evidence.data
        assert entry["status"] == 502
        if answer.status_code == 200:  # incremental: the headers went out, an error frame ends
            assert '"code":"upstream_' in answer.text
            assert "data: [DONE]" not in answer.text
        else:
            assert answer.status_code == 502


class TestModelList:
    def test_only_models_the_role_may_use_are_listed(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        spec = GatewaySpec.model_validate(
            {
                "models": [
                    {"name": "support@1", "upstream_model": "m1"},
                    {"name": "internal@1", "upstream_model": "m2"},
                ],
                "roles": {
                    "user": {"routes": ["chat", "models"], "models": ["support@*"]},
                    "admin": {"routes": list(GatewayRoute), "preview": True},
                },
            }
        )
        harness = make_gateway(gateway=spec)
        with harness.http() as http:
            ids = [m["id"] for m in http.get("/v1/models").json()["data"]]
        assert ids == ["support@1"]
        with harness.http("admin") as http:
            assert len(http.get("/v1/models").json()["data"]) == 2


class TestMetricsDirectories:
    def test_a_killed_gateway_s_directory_is_removed_at_the_next_start(self) -> None:
        dead = subprocess.Popen(["true"])
        dead.wait()
        stale = Path(tempfile.mkdtemp(prefix=f"sai-gateway-metrics-{dead.pid}-"))
        mine = Path(tempfile.mkdtemp(prefix=f"sai-gateway-metrics-{os.getpid()}-"))
        try:
            with multiprocess_metrics(2) as path:
                assert path is not None
                assert path.exists()
            assert not stale.exists()
            assert mine.exists()  # a live gateway's directory stays
        finally:
            mine.rmdir()


@pytest.mark.slow
def test_workers_stop_when_their_supervisor_is_killed(workspace_dir: Path) -> None:
    from sai.gateway import MockUpstream, serve_in_thread
    from tests.gateway.test_workers import _children, _setup, _start

    up = serve_in_thread(MockUpstream())
    try:
        _setup(workspace_dir, f"{up.url}/v1", limit=100)
        proc, url = _start(workspace_dir, 2, {})
        workers = _children(proc.pid)
        assert len(workers) >= 2  # the workers (and multiprocessing's resource tracker)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 15
        while any(Path(f"/proc/{w}").exists() for w in workers):
            assert time.monotonic() < deadline, "orphaned workers still running"
            time.sleep(0.2)
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"{url}/healthz", timeout=1)
    finally:
        up.stop()
