"""The console and the gateway served by one process on one port (`sai console --with-gateway`)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sai.catalog import load_catalog
from sai.gateway import MockUpstream, create_app, create_key, serve_in_thread
from sai.gateway.config import config_for
from sai.ledger import open_ledger
from sai.manifest.schema import GatewayPolicies, GatewaySpec, GuardsSpec
from sai.web import create_console
from sai.web.mount import Combined, is_gateway_path
from sai.workspace import open_workspace
from tests.web.conftest import EXFIL, csrf_of, write_project


@pytest.mark.parametrize(
    ("path", "gateway"),
    [
        ("/v1/chat/completions", True),
        ("/v1/sai/reviews/rev_1", True),
        ("/metrics", True),
        ("/healthz", True),
        ("/openapi.json", True),
        ("/", False),
        ("/v1", False),
        ("/metricsx", False),
        ("/reviews", False),
        ("/signin", False),
    ],
)
def test_paths_are_split(path: str, gateway: bool) -> None:
    assert is_gateway_path(path) is gateway


def test_one_port_serves_both(workspace_dir: Path) -> None:
    loaded = write_project(workspace_dir)
    upstream = serve_in_thread(MockUpstream())
    spec = GatewaySpec(policies=GatewayPolicies(review_on=["exfiltration"]))
    config = config_for(f"{upstream.url}/v1", gateway=spec, guards=GuardsSpec(input=["secrets"]))
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        user = create_key(ledger, "u", "user", roles=tuple(config.roles)).secret
        reviewer = create_key(ledger, "r", "reviewer", roles=tuple(config.roles)).secret
        app = Combined(
            create_app(config, ledger), create_console(ledger, loaded.manifest, load_catalog())
        )
        server = serve_in_thread(app)
        try:
            with httpx.Client(base_url=server.url, timeout=15) as http:
                assert http.get("/healthz").json() == {"status": "ok"}
                held = http.post(
                    "/v1/chat/completions",
                    headers={"authorization": f"Bearer {user}"},
                    json={"model": "m", "messages": EXFIL},
                )
                review_id = held.headers["x-sai-review-id"]
                token = csrf_of(http.get("/signin").text)
                http.post("/signin", data={"api_key": reviewer, "csrf": token})
                token = csrf_of(http.get(f"/reviews/{review_id}").text)
                decided = http.post(
                    f"/reviews/{review_id}/decide",
                    data={"csrf": token, "action": "reject", "reason": "tracking link"},
                )
                assert decided.status_code == 303
                polled = http.get(
                    f"/v1/sai/reviews/{review_id}", headers={"authorization": f"Bearer {user}"}
                )
                assert polled.status_code == 403
        finally:
            server.stop()
            upstream.stop()
