"""write_reports: every output written from the same report.json text; PDF optional."""

from __future__ import annotations

import http.server
import json
import re
import sys
import threading
import zlib
from pathlib import Path
from typing import Any

import pytest

from sai.assessment.report import (
    PdfUnavailableError,
    ReportFormatError,
    Trust,
    render_pdf,
    verify_report,
    write_reports,
)
from sai.errors import InputError

UNSAFE = Trust(unsafe_trust_embedded_key=True)


def pdf_pages(data: bytes) -> int:
    """Count page objects, looking into compressed object streams too."""
    pattern = rb"/Type\s*/Page\b"
    count = len(re.findall(pattern, data))
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            count += len(re.findall(pattern, zlib.decompress(stream.group(1))))
        except zlib.error:
            continue
    return count


class TestWriteReports:
    def test_writes_every_output_without_pdf(
        self, tmp_path: Path, report: dict[str, Any], golden: Any
    ) -> None:
        files = write_reports(report, tmp_path / "out", pdf=False)
        assert files.pdf is None
        assert not (tmp_path / "out" / "report.pdf").exists()
        for path in (files.json, files.html, files.oscal, files.summary):
            assert path.stat().st_size > 0
        text = files.json.read_text(encoding="utf-8")
        golden("report.json", text)
        assert json.loads(text) == report
        assert verify_report(files.json.read_bytes(), trust=UNSAFE).ok
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
            "oscal-assessment-results.json",
            "report.html",
            "report.json",
            "summary.md",
        ]

    def test_outputs_are_stable(self, tmp_path: Path, report: dict[str, Any]) -> None:
        first = write_reports(report, tmp_path / "a", pdf=False)
        second = write_reports(report, tmp_path / "b", pdf=False)
        for name in ("json", "html", "oscal", "summary"):
            assert getattr(first, name).read_bytes() == getattr(second, name).read_bytes()

    def test_accepts_tuples_as_json_arrays(self, tmp_path: Path, report: dict[str, Any]) -> None:
        report["system"]["roles"] = tuple(report["system"]["roles"])
        files = write_reports(report, tmp_path, pdf=False)
        assert verify_report(files.json.read_bytes(), trust=UNSAFE).ok

    def test_refuses_a_malformed_report_before_writing(
        self, tmp_path: Path, report: dict[str, Any]
    ) -> None:
        report["overall"] = "maybe"
        with pytest.raises(ReportFormatError, match="overall"):
            write_reports(report, tmp_path / "out", pdf=False)
        assert not (tmp_path / "out").exists()

    def test_unwritable_directory_is_an_input_error(
        self, tmp_path: Path, report: dict[str, Any]
    ) -> None:
        blocker = tmp_path / "file"
        blocker.write_text("x")
        with pytest.raises(InputError, match="cannot write the reports"):
            write_reports(report, blocker / "out", pdf=False)

    def test_overwrites_previous_reports_and_leaves_no_temporary_files(
        self, tmp_path: Path, report: dict[str, Any]
    ) -> None:
        write_reports(report, tmp_path, pdf=False)
        write_reports(report, tmp_path, pdf=False)
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


class TestPdf:
    def test_pdf_is_written_and_has_several_pages(
        self, tmp_path: Path, report: dict[str, Any]
    ) -> None:
        files = write_reports(report, tmp_path)
        assert files.pdf is not None
        data = files.pdf.read_bytes()
        assert data.startswith(b"%PDF")
        assert pdf_pages(data) > 1

    def test_missing_weasyprint_says_how_to_go_on(
        self, tmp_path: Path, report: dict[str, Any], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "weasyprint", None)
        with pytest.raises(PdfUnavailableError, match="WeasyPrint") as caught:
            write_reports(report, tmp_path / "out")
        assert "--no-pdf" in (caught.value.hint or "")
        assert not (tmp_path / "out").exists()

    def test_external_resources_are_never_fetched(self) -> None:
        requests: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_port}"
            html = (
                f'<html><head><link rel="stylesheet" href="{url}/s.css"></head>'
                f'<body><img src="{url}/x.png"><p>x</p></body></html>'
            )
            assert render_pdf(html).startswith(b"%PDF")
        finally:
            server.shutdown()
            server.server_close()
        assert requests == []
