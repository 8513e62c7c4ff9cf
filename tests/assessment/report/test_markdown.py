"""summary.md: short, escaped, with the failing and inconclusive provisions first."""

from __future__ import annotations

from typing import Any

from sai.assessment.report import render_markdown_summary
from sai.assessment.report.markdown import TOP_PROVISIONS

from .conftest import build_report


class TestSummary:
    def test_golden(self, report: dict[str, Any], golden: Any) -> None:
        golden("summary.md", render_markdown_summary(report))

    def test_has_overall_verdict_and_a_line_per_principle(self, report: dict[str, Any]) -> None:
        text = render_markdown_summary(report)
        assert "**Overall verdict: FAIL**" in text
        rows = [line for line in text.splitlines() if line.startswith("| ") and "." in line[:5]]
        assert len(rows) == 13
        assert "| 13. Data and model disposal | not applicable | 0 | 0 | 0 | 0 |" in rows

    def test_fails_come_before_inconclusive(self, report: dict[str, Any]) -> None:
        lines = [line for line in render_markdown_summary(report).splitlines() if line[:3] == "- *"]
        kinds = [("fail" if "(fail," in line else "inconclusive") for line in lines]
        assert kinds == sorted(kinds, key=["fail", "inconclusive"].index)
        assert len(lines) == 7

    def test_long_lists_are_cut(self) -> None:
        def all_fail(body: dict[str, Any]) -> None:
            for result in body["results"]:
                result["verdict"] = "fail"

        text = render_markdown_summary(build_report(edit_body=all_fail).report)
        assert text.count("(fail, principle") == TOP_PROVISIONS
        assert "… and 11 more: see report.html" in text

    def test_user_text_cannot_inject_markdown_or_html(self) -> None:
        def inject(body: dict[str, Any]) -> None:
            body["results"][1]["verdict"] = "fail"
            body["results"][1]["reason"] = "[click](http://evil.example) <b>x</b>\n# title | cell"

        text = render_markdown_summary(build_report(edit_body=inject).report)
        line = next(line for line in text.splitlines() if "click" in line)
        assert line.endswith(r"\[click\]\(http://evil.example\) \<b\>x\</b\> \# title \| cell")


class TestTerminalSummary:
    def test_rich_tables_not_markdown(self, report: dict[str, Any]) -> None:
        from rich.console import Console

        from sai.assessment.report.terminal import render_terminal_summary

        console = Console(width=160, record=True, color_system=None)
        console.print(render_terminal_summary(report))
        text = console.export_text()
        assert "Verdict per principle" in text
        assert "**" not in text
        assert "|---|" not in text
        overall = report["overall"]
        assert f"conformance of {report['system']['name']}: {overall}" in text
        flagged = [r for r in report["results"] if r["verdict"] != "pass"]
        assert ("What to act on" in text) == bool(flagged)
        for principle in report["principles"]:
            assert principle["title"][:20] in text
