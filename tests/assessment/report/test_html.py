"""report.html: self-contained, well-formed, 13 principle sections, everything escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from sai.assessment.report import render_html

from .conftest import build_report

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source"}


class _Checker(HTMLParser):
    """Records ids, links and sources, and fails on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.scripts = 0
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("src"):
            self.srcs.append(values["src"] or "")
        if tag == "script":
            self.scripts += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker


@pytest.fixture
def page(report: dict[str, Any]) -> str:
    return render_html(report)


class TestStructure:
    def test_is_well_formed(self, page: str) -> None:
        checker = check(page)
        assert checker.errors == []
        assert checker.stack == []
        assert page.startswith("<!DOCTYPE html>")

    def test_ids_are_unique_and_every_anchor_resolves(self, page: str) -> None:
        checker = check(page)
        assert len(checker.ids) == len(set(checker.ids))
        fragments = [href[1:] for href in checker.hrefs if href.startswith("#")]
        assert fragments
        assert set(fragments) <= set(checker.ids)

    def test_has_the_thirteen_principle_sections(self, page: str) -> None:
        for number in range(1, 14):
            section = re.search(
                rf'<section class="principle[^"]*" id="principle-{number}".*?</section>',
                page,
                re.S,
            )
            assert section, number
            assert f"Principle {number}:" in section.group(0)

    def test_principle_without_applicable_provisions_says_not_applicable(self, page: str) -> None:
        section = re.search(r'id="principle-13".*?</section>', page, re.S)
        assert section
        assert "NOT APPLICABLE" in section.group(0)
        assert 'class="bar"' not in section.group(0)

    def test_verdict_words_are_shown_not_only_colours(self, page: str) -> None:
        text = "".join(check(page).text)
        for word in ("PASS", "FAIL", "INCONCLUSIVE"):
            assert word in text
        assert "1 pass, 1 fail, 0 inconclusive" in text

    def test_provision_shows_force_roles_reason_check_and_evidence(self, page: str) -> None:
        card = re.search(
            r'<article class="provision card-fail" id="provision-5.1.2-2">.*?</article>', page, re.S
        )
        assert card
        body = card.group(0)
        assert "Force: should" in body
        assert "Roles: developer" in body
        assert "scan found 2 problems" in body
        assert "Check <code>scan-clean</code> · automated" in body
        assert 'href="#evidence-3"' in body

    def test_evidence_appendix_lists_entries_with_leaf_hash_and_demo_flag(
        self, page: str, report: dict[str, Any]
    ) -> None:
        for item in report["evidence"]:
            assert f'id="evidence-{item["index"]}"' in page
        entry = re.search(r'<article class="entry" id="evidence-2">.*?</article>', page, re.S)
        assert entry
        assert "DEMO DATA" in entry.group(0)
        assert "Leaf hash" in entry.group(0)
        assert "&#34;demo&#34;: true" in entry.group(0)
        assert "DEMO DATA" not in re.search(r'id="evidence-0">.*?</article>', page, re.S).group(0)

    def test_excluded_and_not_applicable_are_listed(self, page: str) -> None:
        excluded = re.search(r'<section id="excluded".*?</section>', page, re.S)
        assert excluded
        assert "5.1.4-2" in excluded.group(0)
        assert "No cloud hosting is used" in excluded.group(0)
        na = re.search(r'<section id="not-applicable".*?</section>', page, re.S)
        assert na
        assert na.group(0).count("<tr id=") == 5

    def test_how_to_verify_box(self, page: str) -> None:
        box = re.search(r'<section id="how-to-verify".*?</section>', page, re.S)
        assert box
        assert "sai verify report.json --key" in box.group(0)


class TestSelfContained:
    def test_no_external_resources_and_no_scripts(self, page: str) -> None:
        checker = check(page)
        assert checker.scripts == 0
        assert checker.srcs == []
        assert not [h for h in checker.hrefs if re.match(r"(?i)(https?:)?//", h)]
        assert "@import" not in page
        assert "url(" not in page
        assert "<link" not in page


class TestEscaping:
    def test_script_in_user_content_is_escaped(self) -> None:
        attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'

        def inject(body: dict[str, Any]) -> None:
            body["results"][0]["reason"] = attack
            body["system"]["name"] = attack
            body["ics"][0]["summary"] = attack

        page = render_html(build_report(edit_body=inject).report)
        checker = check(page)
        assert checker.scripts == 0
        assert checker.srcs == []
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
        assert "<script" not in page
        assert "".join(checker.text).count(attack) >= 3

    def test_rendering_is_deterministic(self, report: dict[str, Any]) -> None:
        assert render_html(report) == render_html(report)


class TestExecutivePage:
    def test_executive_summary_comes_first(self, report: dict[str, Any]) -> None:
        page = render_html(report)
        executive = page.index('id="executive"')
        assert executive < page.index('id="summary"') < page.index('id="evidence"')
        section = page[executive : page.index('id="summary"')]
        for name in ("pass", "fail", "inconclusive", "excluded", "not applicable"):
            assert f"</span> {name}</li>" in section
        for label in ("Owner", "Security contact", "Assessor", "Evidence period"):
            assert f"<dt>{label}</dt>" in section
        failing = [r for r in report["results"] if r["verdict"] == "fail"]
        for result in failing[:3]:
            assert f'href="#provision-{result["provision"]}"' in section

    def test_raw_json_is_collapsible_and_hidden_in_print(self, report: dict[str, Any]) -> None:
        page = render_html(report)
        assert '<details class="raw"><summary>Raw data (JSON)</summary>' in page
        assert "details.raw { display: none; }" in page
        assert "break-inside: avoid" in page


def test_summarise_names_fields_and_counts_lists() -> None:
    from sai.assessment.report._executive import summarise

    text = summarise({"verdict": "safe", "findings": [1, 2, 3], "ok": True, "text": "skip me"})
    assert text == "verdict: safe; findings: 3 items; ok: true (+1 more fields in the raw data)"
    assert summarise({}) == "no data fields"
    assert summarise({"x": "y" * 100}).endswith("…")


def test_printed_report_is_compact(report: dict[str, Any]) -> None:
    """Raw JSON stays out of the PDF; principles no longer start a page each."""
    import weasyprint

    pages = weasyprint.HTML(string=render_html(report)).render().pages
    principles = len(report["principles"])
    assert len(pages) < principles  # one page per principle was the old layout's floor
