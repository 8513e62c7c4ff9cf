"""The console in headless Chromium: a reviewer approves a held response end to end, an
auditor is refused every change, a form without its CSRF token fails, axe-core finds no
serious accessibility violation, and the overview's layout matches a loose reference."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sai.web import ROUTES
from tests.assessment.report.test_browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.web.conftest import Console

pytestmark = pytest.mark.browser
DATA = Path(__file__).parent / "data"
AXE = DATA / "axe-core" / "axe.min.js"
REFERENCE = DATA / "overview.reference.png"
PAGES = ["/signin", "/", "/ledger", "/reviews", "/explain", "/provisions/5.1.4-3", "/ledger/0"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def sign_in(browser: Any, console: Console, role: str, **options: Any) -> Any:
    page = browser.new_context(viewport={"width": 1200, "height": 900}, **options).new_page()
    page.goto(f"{console.url}/")
    assert page.url.startswith(f"{console.url}/signin")
    page.fill("#api_key", console.gateway.keys[role])
    page.click("button[type=submit]")
    page.wait_for_url(f"{console.url}/")
    return page


def test_reviewer_approves_and_the_client_receives_it(browser: Any, console: Console) -> None:
    review_id = console.hold()
    page = sign_in(browser, console, "reviewer")
    page.click("text=Review queue")
    page.click(f"text={review_id}")
    assert "exfiltration" in page.inner_text("dl.facts")
    page.check("input[name=action][value=approve]")
    page.fill("#reason", "the link is the customer's own site")
    page.click("text=Record decision")
    page.wait_for_selector(".s-approved")
    with console.gateway.http("user") as http:
        released = http.get(f"/v1/sai/reviews/{review_id}")
    assert released.status_code == 200
    assert "attacker.example" in released.json()["choices"][0]["message"]["content"]
    [entry] = console.gateway.ledger.query(kind="console.review")
    assert entry.evidence.data["reason"] == "the link is the customer's own site"
    assert len(console.gateway.ledger.query(kind="gateway.review")) == 1
    page.context.close()


def test_auditor_gets_403_on_every_state_changing_route(browser: Any, console: Console) -> None:
    review_id = console.hold()
    page = sign_in(browser, console, "auditor")
    token = page.get_attribute("form.signout input[name=csrf]", "value")
    posts = [r for r in ROUTES if r.method == "POST" and r.path != "/signout"]
    assert posts
    for route in posts:
        path = route.path.replace("{review_id}", review_id)
        answer = page.request.post(
            f"{console.url}{path}",
            form={"csrf": token, "action": "approve", "reason": "x"}
            if "review" in path
            else {"csrf": token, "model": "clf", "inputs": "1,2,3"},
        )
        assert answer.status == 403, path
    page.goto(f"{console.url}/reviews/{review_id}")
    assert page.locator("text=Record decision").count() == 0
    assert console.gateway.ledger.query(kind="console.review") == []
    page.context.close()


def test_form_without_csrf_token_fails(browser: Any, console: Console) -> None:
    review_id = console.hold()
    page = sign_in(browser, console, "reviewer")
    page.goto(f"{console.url}/reviews/{review_id}")
    page.locator("form.card input[name=csrf]").evaluate("input => input.remove()")
    page.check("input[name=action][value=reject]")
    page.fill("#reason", "tampered form")
    page.click("text=Record decision")
    assert "CSRF token is missing or wrong" in page.inner_text("main")
    with console.gateway.http("user") as http:
        assert http.get(f"/v1/sai/reviews/{review_id}").status_code == 202
    page.context.close()


def test_no_serious_accessibility_violation(browser: Any, console: Console) -> None:
    console.hold()
    # NOTE: the console's CSP forbids every script; the test context lifts it to inject axe.
    page = sign_in(browser, console, "reviewer", bypass_csp=True)
    script = AXE.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for path in PAGES:
        if path == "/signin":
            continue
        page.goto(f"{console.url}{path}")
        page.add_script_tag(content=script)
        result = page.evaluate("async () => await axe.run(document)")
        serious = [
            f"{v['id']}: {v['help']}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[path] = serious
    signin = browser.new_context(bypass_csp=True).new_page()
    signin.goto(f"{console.url}/signin")
    signin.add_script_tag(content=script)
    result = signin.evaluate("async () => await axe.run(document)")
    if any(v["impact"] in ("serious", "critical") for v in result["violations"]):
        found["/signin"] = [v["id"] for v in result["violations"]]
    assert found == {}
    page.context.close()
    signin.context.close()


def test_pages_run_no_script_under_the_csp(browser: Any, console: Console) -> None:
    page = sign_in(browser, console, "auditor")
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text))
    for path in PAGES[1:]:
        page.goto(f"{console.url}{path}")
        assert page.evaluate("() => document.scripts.length") == 0
    assert not [m for m in blocked if "Content Security Policy" in m]
    page.context.close()


def _thumbnail(png: bytes) -> Any:
    import io

    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("L").resize((60, 45))


def test_overview_layout_matches_the_reference(
    browser: Any, console: Console, tmp_path: Path
) -> None:
    """A loose comparison (a 60x45 grey thumbnail), so that a broken layout is caught while
    changed numbers and dates are not."""
    page = sign_in(browser, console, "owner")
    shot = page.screenshot(full_page=False)
    (tmp_path / "overview.png").write_bytes(shot)
    box = page.locator("main table").first.bounding_box()
    assert box is not None
    assert box["width"] > 600
    assert page.locator("header.top").bounding_box()["y"] == 0  # type: ignore[index]
    if os.environ.get("SAI_UPDATE_GOLDENS") == "1":
        REFERENCE.write_bytes(shot)
    from PIL import ImageChops, ImageStat

    diff = ImageChops.difference(_thumbnail(shot), _thumbnail(REFERENCE.read_bytes()))
    assert ImageStat.Stat(diff).mean[0] < 12, f"overview layout changed; see {tmp_path}"
    page.context.close()
