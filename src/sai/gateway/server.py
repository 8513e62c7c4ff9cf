"""Building and running the gateway: an app from a config, uvicorn workers, a test thread.

``sai gateway serve --workers N`` starts uvicorn with `app_from_environment` as factory: each
worker process opens the workspace named in ``SAI_WORKSPACE`` itself (its own ledger
connection, batcher and limiter), reading overrides from ``SAI_GATEWAY_UPSTREAM``.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sai.gateway._protocol import PROTOCOL
from sai.gateway.app import GatewayApp
from sai.gateway.config import GatewayConfig, config_from_manifest
from sai.gateway.guarding import GuardRunner
from sai.gateway.limits import Limiter
from sai.gateway.metrics import multiprocess_metrics
from sai.gateway.runtime import build_runtime
from sai.ledger import CheckpointCadence, Ledger, open_ledger
from sai.store import DURABILITY_ENV, Durability

UPSTREAM_ENV = "SAI_GATEWAY_UPSTREAM"
_PR_SET_PDEATHSIG = 1


def create_app(
    config: GatewayConfig,
    ledger: Ledger,
    *,
    limiter: Limiter | None = None,
    guards: GuardRunner | None = None,
    on_stop: Callable[[], None] | None = None,
) -> GatewayApp:
    """The ASGI app over ``ledger``; its runtime is built when the server starts."""
    return GatewayApp(
        lambda: build_runtime(config, ledger, limiter=limiter, guards=guards),
        on_stop,
    )


def exit_with_supervisor() -> None:
    """Make a worker process stop (SIGTERM) when its supervisor dies, even by SIGKILL, so no
    orphaned worker keeps serving (Linux; elsewhere a no-op)."""
    parent = multiprocessing.parent_process()
    if parent is None or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent.pid:  # it died before the line above
        os.kill(os.getpid(), signal.SIGTERM)


def app_from_environment() -> GatewayApp:
    """uvicorn factory for worker processes: the workspace from ``SAI_WORKSPACE``."""
    exit_with_supervisor()
    from sai.manifest import load_manifest
    from sai.workspace import find_workspace

    workspace = find_workspace()
    loaded = load_manifest(workspace.manifest_path)
    config = config_from_manifest(loaded, upstream=os.environ.get(UPSTREAM_ENV) or None)
    ledger = open_ledger(workspace, cadence=CheckpointCadence.from_environment(os.environ))
    return create_app(config, ledger, on_stop=ledger.close)


def serve(
    workspace_root: Path,
    config: GatewayConfig,
    *,
    workers: int,
    upstream: str | None,
    durability: Durability | None = None,
) -> None:
    """Run uvicorn in the foreground until interrupted.

    ``durability`` (default: ``SAI_LEDGER_DURABILITY``, else process_crash) is what a committed
    audit entry survives; the workers inherit it through the environment. The gateway's
    default is process_crash (entry in the WAL before the answer) because an fsync per request
    would be most of its added latency; a signed checkpoint flushes everything before it.
    """
    import uvicorn

    os.environ["SAI_WORKSPACE"] = str(workspace_root)
    if upstream:
        os.environ[UPSTREAM_ENV] = upstream
    if durability is not None:
        os.environ[DURABILITY_ENV] = durability.value
    else:
        os.environ.setdefault(DURABILITY_ENV, Durability.process_crash.value)
    with multiprocess_metrics(workers):  # one /metrics over all workers
        uvicorn.run(
            "sai.gateway.server:app_from_environment",
            factory=True,
            host=config.host,
            port=config.port,
            workers=workers,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=10,
            http=PROTOCOL,
        )


@dataclass
class RunningServer:
    """A uvicorn server on 127.0.0.1 in a background thread (tests, demo, benchmark)."""

    server: Any
    thread: threading.Thread

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self.server.servers[0].sockets[0].getsockname()[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the server to exit and wait for its thread."""
        self.server.should_exit = True
        self.thread.join(timeout)


def serve_in_thread(app: Any, *, port: int = 0, timeout: float = 10.0) -> RunningServer:
    """Start ``app`` with uvicorn on 127.0.0.1:``port`` (0: any free port) in a thread."""
    import uvicorn

    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        http=PROTOCOL,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    # the same event loop and HTTP parser as `serve` (uvloop and httptools when installed)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the server did not start on 127.0.0.1")
        time.sleep(0.01)
    return RunningServer(server, thread)


__all__ = [
    "UPSTREAM_ENV",
    "RunningServer",
    "app_from_environment",
    "create_app",
    "serve",
    "serve_in_thread",
]
