"""report.html in a real browser: headless Chromium renders the 13 principle sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sai.assessment.report import write_reports
from tests.conftest import skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    skip_or_fail(f"{CHROMIUM} is missing (apt-get install -y chromium)")


@pytest.mark.browser
class TestBrowser:
    def test_principle_sections_are_visible(self, tmp_path: Path, report: dict[str, Any]) -> None:
        require_chromium()
        from playwright.sync_api import sync_playwright

        files = write_reports(report, tmp_path, pdf=False)
        shot = tmp_path / "report.png"
        external: list[str] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                page.on(
                    "request",
                    lambda req: (
                        external.append(req.url) if not req.url.startswith("file://") else None
                    ),
                )
                page.goto(files.html.as_uri())
                for number in range(1, 14):
                    section = page.locator(f"#principle-{number}")
                    section.scroll_into_view_if_needed()
                    assert section.is_visible()
                    heading = section.locator("h2")
                    assert heading.inner_text().startswith(f"Principle {number}:")
                assert page.locator("section.principle").count() == 13
                assert page.locator("#how-to-verify").is_visible()
                page.screenshot(path=str(shot), full_page=False)
            finally:
                browser.close()
        data = shot.read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        assert len(data) > 1000
        assert external == []

    def test_first_page_layout_matches_the_reference(
        self, tmp_path: Path, report: dict[str, Any]
    ) -> None:
        """The report's first screen (title, verdict, executive summary) compared loosely:
        a 60x45 grey thumbnail, so that a broken layout fails and changed words do not."""
        import io
        import os

        from PIL import Image, ImageChops, ImageStat

        require_chromium()
        from playwright.sync_api import sync_playwright

        reference = Path(__file__).parent / "golden" / "report-first-page.png"
        files = write_reports(report, tmp_path, pdf=False)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1100, "height": 1400})
                page.goto(files.html.as_uri())
                assert page.locator("#executive").bounding_box() is not None
                shot = page.screenshot(full_page=False)
            finally:
                browser.close()
        if os.environ.get("SAI_UPDATE_GOLDENS") == "1":
            reference.write_bytes(shot)

        def thumbnail(png: bytes) -> Any:
            return Image.open(io.BytesIO(png)).convert("L").resize((60, 45))

        diff = ImageChops.difference(thumbnail(shot), thumbnail(reference.read_bytes()))
        (tmp_path / "first-page.png").write_bytes(shot)
        assert ImageStat.Stat(diff).mean[0] < 12, f"the report's first page changed; see {tmp_path}"
