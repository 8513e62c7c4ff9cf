"""Every served notice page in headless Chromium with axe-core: no serious or critical
accessibility violation, and the pages render without loading anything from elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sai.documents import build_documents, publish_documents
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace
from tests.assessment.report.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PNG_SIGNATURE,
    require_chromium,
)
from tests.documents._project import T0
from tests.gateway.conftest import running_gateway

SERIOUS = {"serious", "critical"}


@pytest.mark.browser
def test_served_pages_pass_axe(
    ledger: Ledger,
    loaded: LoadedManifest,
    workspace: Workspace,
    workspace_dir: Path,
    tmp_path: Path,
) -> None:
    require_chromium()
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    build_documents(ledger, loaded.manifest, workspace.documents_dir, actor="t", now=T0)
    publish_documents(
        ledger, loaded.manifest, workspace.documents_dir, workspace.public_dir, actor="t", now=T0
    )
    index = json.loads((workspace.public_dir / "index.json").read_text("utf-8"))["files"]
    pages = sorted(p for p, spec in index.items() if spec["type"].startswith("text/html"))
    assert "/notices/" in pages
    assert "/notices/data-use" in pages
    axe = Axe()
    found: dict[str, list[str]] = {}
    outside: list[str] = []
    with (
        running_gateway(workspace_dir, public_dir=workspace.public_dir) as gateway,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 900, "height": 1000})
            page.on(
                "request",
                lambda r: None if r.url.startswith(gateway.url) else outside.append(r.url),
            )
            for path in pages:
                assert page.goto(gateway.url + path).status == 200
                assert page.locator("main h1").count() == 1
                result = axe.run(page)
                found[path] = [
                    f"{v['id']}: {v['help']}"
                    for v in result.response["violations"]
                    if v.get("impact") in SERIOUS
                ]
            page.goto(gateway.url + "/notices/user-guide")
            shot = tmp_path / "user-guide.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert found == {path: [] for path in pages}
    assert outside == []
    assert shot.read_bytes().startswith(PNG_SIGNATURE)
