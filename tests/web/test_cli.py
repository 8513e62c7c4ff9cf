"""`sai console`: serves on the given port until stopped; refuses a busy port as bad input."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from sai.cli.app import app
from tests.web.conftest import write_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_help_names_the_roles() -> None:
    result = CliRunner().invoke(app, ["console", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output
    assert "--host" in result.output
    assert "auditor" in result.output


def test_busy_port_is_bad_input(workspace_dir: Path) -> None:
    write_project(workspace_dir)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            app, ["console", "--port", str(port), "--workspace", str(workspace_dir)]
        )
    assert result.exit_code == 2
    assert f"port {port} is in use" in result.output


def test_serves_until_stopped(workspace_dir: Path) -> None:
    write_project(workspace_dir)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "sai", "console", "--port", str(port), "-w", str(workspace_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"{url}/", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "the console did not start"
                time.sleep(0.2)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/signin")
        assert httpx.get(f"{url}/signin", timeout=5).status_code == 200
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode()
    assert f"sai console on {url}" in output
