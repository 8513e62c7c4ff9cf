"""A running gateway in front of the mock upstream, with keys per role, for real-HTTP tests."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from sai.gateway import KIND, MockUpstream, create_key, serve_in_thread
from sai.gateway.app import GatewayApp
from sai.gateway.config import GatewayConfig, GuardPolicy, config_for
from sai.gateway.guarding import GuardRunner
from sai.ledger import Entry, Ledger, open_ledger
from sai.manifest.schema import GatewaySpec, GuardsSpec
from sai.workspace import Workspace, open_workspace


@dataclass
class Harness:
    """The gateway's URL, the mock upstream, the ledger and one key per default role."""

    url: str
    upstream: MockUpstream
    upstream_url: str
    ledger: Ledger
    workspace: Workspace
    config: GatewayConfig
    app: GatewayApp
    keys: dict[str, str] = field(default_factory=dict)

    def client(self, role: str = "user", **kwargs: Any) -> openai.OpenAI:
        return openai.OpenAI(
            base_url=f"{self.url}/v1",
            api_key=self.keys[role],
            max_retries=0,
            timeout=kwargs.pop("timeout", 15.0),
            **kwargs,
        )

    def http(self, role: str | None = "user") -> httpx.Client:
        headers = {"authorization": f"Bearer {self.keys[role]}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=15.0)

    def entries(self) -> list[Entry]:
        return self.ledger.query(kind=KIND)


def plain(value: Any) -> Any:
    """Entry data as plain dicts and lists (the ledger may hand it back frozen)."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


#: The default guard set minus the ML injection detector (tests of it pass guards=GuardsSpec()).
FAST_GUARDS = GuardsSpec(input=["invisible", "secrets"])
_RUNNERS: dict[str, GuardRunner] = {}


def shared_guards(policy: GuardPolicy) -> GuardRunner:
    """One GuardRunner per policy for the whole session (detectors load slowly)."""
    key = repr(policy)
    if key not in _RUNNERS:
        _RUNNERS[key] = GuardRunner(policy)
    return _RUNNERS[key]


@contextlib.contextmanager
def running_gateway(
    root: Path,
    *,
    gateway: GatewaySpec | None = None,
    guards: GuardsSpec | None = None,
    upstream_latency: float = 0.0,
    **changes: Any,
) -> Iterator[Harness]:
    """Mock upstream + gateway on 127.0.0.1 ephemeral ports; stopped afterwards."""
    from sai.gateway import create_app

    workspace = open_workspace(root)
    mock = MockUpstream(latency=upstream_latency)
    up = serve_in_thread(mock)
    ledger = open_ledger(workspace)
    try:
        upstream_url = changes.pop("upstream_url", f"{up.url}/v1")
        model_gate = changes.pop("model_gate", None)
        text_keys = changes.pop("text_keys", None)
        guards = guards if guards is not None else FAST_GUARDS
        config = config_for(upstream_url, gateway=gateway, guards=guards, **changes)
        runner = shared_guards(config.guards)
        app = create_app(config, ledger, guards=runner, model_gate=model_gate, text_keys=text_keys)
        server = serve_in_thread(app)
        try:
            harness = Harness(server.url, mock, up.url, ledger, workspace, config, app)
            for role in config.roles:
                harness.keys[role] = create_key(
                    ledger, f"test-{role}", role, roles=tuple(config.roles)
                ).secret
            yield harness
        finally:
            server.stop()
    finally:
        up.stop()
        ledger.close()


@pytest.fixture
def gateway(workspace_dir: Path) -> Iterator[Harness]:
    """The gateway with default settings (fast guards on, 60 requests/min per key)."""
    with running_gateway(workspace_dir) as harness:
        yield harness


@pytest.fixture
def make_gateway(workspace_dir: Path) -> Iterator[Callable[..., Harness]]:
    """Start a gateway with custom settings (one per test)."""
    stack = contextlib.ExitStack()

    def make(**kwargs: Any) -> Harness:
        return stack.enter_context(running_gateway(workspace_dir, **kwargs))

    with stack:
        yield make
