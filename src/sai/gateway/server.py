"""Building and running the gateway: an app from a config, uvicorn workers, a test thread.

``sai gateway serve --workers N`` hands uvicorn a `WorkerSettings` value as app factory: the
supervisor pickles it to each worker process, which opens the workspace and the manifest it
names itself (its own ledger connection, batcher and limiter).
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
from typing import TYPE_CHECKING, Any

from sai.gateway._protocol import PROTOCOL
from sai.gateway.app import GatewayApp
from sai.gateway.audit import TextKeys
from sai.gateway.config import GatewayConfig, config_from_manifest, with_overrides
from sai.gateway.guarding import GuardRunner
from sai.gateway.limits import Limiter
from sai.gateway.metrics import multiprocess_metrics
from sai.gateway.predict import ModelGate
from sai.gateway.runtime import build_runtime
from sai.ledger import DEFAULT_CADENCE, CheckpointCadence, Ledger, open_ledger
from sai.store import Durability

if TYPE_CHECKING:
    from sai.inventory.custody import CustodySettings

_PR_SET_PDEATHSIG = 1


def create_app(
    config: GatewayConfig,
    ledger: Ledger,
    *,
    limiter: Limiter | None = None,
    guards: GuardRunner | None = None,
    model_gate: ModelGate | None = None,
    on_stop: Callable[[], None] | None = None,
    text_keys: TextKeys | None = None,
    freeze: bool = False,
) -> GatewayApp:
    """The ASGI app over ``ledger``; its runtime is built when the server starts.

    ``text_keys`` seal the prompt and response text that ``gateway.audit_text`` keeps;
    ``freeze``: a process that serves only this app (``gc.freeze`` after startup).
    """
    return GatewayApp(
        lambda: build_runtime(
            config,
            ledger,
            limiter=limiter,
            guards=guards,
            model_gate=model_gate,
            text_keys=text_keys,
        ),
        on_stop,
        freeze=freeze,
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


@dataclass(frozen=True)
class WorkerSettings:
    """What each worker process needs to build its own gateway, handed to it explicitly
    (pickled by the supervisor): no process-wide environment is written."""

    workspace_root: Path
    manifest_path: Path
    upstream: str | None = None
    durability: Durability = Durability.process_crash
    host: str | None = None
    port: int | None = None
    #: How often each worker signs a checkpoint (its own appends); None turns that off.
    cadence: CheckpointCadence | None = DEFAULT_CADENCE
    #: Scans local models before they load (a module-level function, so it pickles).
    model_gate: ModelGate | None = None
    #: Where the per-subject keys of shreddable audit text are kept (None: the keystore file).
    custody: CustodySettings | None = None

    def config(self) -> GatewayConfig:
        """The gateway configuration of the manifest this gateway was started with."""
        from sai.manifest import load_manifest
        from sai.workspace import open_workspace

        config = config_from_manifest(load_manifest(self.manifest_path), upstream=self.upstream)
        return with_overrides(
            config,
            host=self.host or config.host,
            port=self.port or config.port,
            public_dir=config.public_dir or open_workspace(self.workspace_root).public_dir,
        )

    def __call__(self) -> GatewayApp:
        """The app of one worker: its own ledger connection, batcher and limiter."""
        from sai.inventory.subject_keys import SubjectKeys
        from sai.workspace import open_workspace

        exit_with_supervisor()
        workspace = open_workspace(self.workspace_root)
        ledger = open_ledger(workspace, durability=self.durability, cadence=self.cadence)
        return create_app(
            self.config(),
            ledger,
            model_gate=self.model_gate,
            on_stop=ledger.close,
            text_keys=SubjectKeys(workspace, self.custody),
            freeze=True,  # a worker process serves this app alone
        )


def serve(settings: WorkerSettings, *, workers: int) -> None:
    """Run uvicorn in the foreground until interrupted.

    ``settings.durability`` is what a committed audit entry survives. The gateway's default
    is process_crash (entry in the WAL before the answer) because an fsync per request would
    be most of its added latency; a signed checkpoint flushes everything before it.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = settings.config()
    with multiprocess_metrics(workers):  # one /metrics over all workers
        server_config = uvicorn.Config(
            settings,
            factory=True,
            host=config.host,
            port=config.port,
            workers=workers,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=10,
            http=PROTOCOL,
        )
        if workers > 1:
            Multiprocess(server_config, sockets=[server_config.bind_socket()]).run()
        else:
            uvicorn.Server(server_config).run()


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
    "RunningServer",
    "WorkerSettings",
    "create_app",
    "exit_with_supervisor",
    "serve",
    "serve_in_thread",
]
