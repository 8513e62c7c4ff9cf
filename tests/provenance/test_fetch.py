"""`sai data fetch` and `record` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.ledger import open_ledger
from sai.provenance.errors import FetchError
from sai.provenance.fetch import fetch, http_time
from sai.workspace import open_workspace
from tests.provenance.conftest import CSV


def _run(root: Path, *args: str):
    result = CliRunner().invoke(app, [*args, "--workspace", str(root)])
    assert "Traceback" not in result.output
    return result


def _records(root: Path) -> list[dict[str, object]]:
    with open_ledger(open_workspace(root)) as ledger:
        return [dict(e.evidence.data) for e in ledger.query(kind="data.provenance")]


class TestFetch:
    def test_records_every_fact(self, project: Path, http_base: str) -> None:
        result = _run(
            project,
            "data",
            "fetch",
            f"{http_base}/moved",
            "--dataset",
            "loans",
            "--licence",
            "CC-BY-4.0",
            "--format",
            "json",
        )
        assert result.exit_code == 0, result.output
        shown = json.loads(result.stdout)
        (record,) = _records(project)
        assert record["source_url"] == f"{http_base}/moved"
        assert record["final_url"] == f"{http_base}/data.csv"
        assert record["redirects"] == (f"{http_base}/moved",)
        assert record["etag"] == '"v1-abc"'
        assert record["last_modified"] == "Tue, 03 Mar 2026 10:00:00 GMT"
        assert isinstance(record["http_date"], str)
        assert record["http_date"].endswith("GMT")
        assert record["digest"] == "sha256:" + hashlib.sha256(CSV).hexdigest()
        assert record["size"] == len(CSV)
        assert record["rows"] == 200
        assert record["columns"] == ("a", "b", "label")
        assert record["licence"] == "CC-BY-4.0"
        assert record["method"] == "fetch"
        assert record["path"] == "data/loans.csv"
        assert shown["entry"] >= 0
        assert (project / "data" / "loans.csv").read_bytes() == CSV

    def test_missing_headers_are_recorded_as_absent(self, project: Path, http_base: str) -> None:
        assert _run(project, "data", "fetch", f"{http_base}/bare", "-d", "loans").exit_code == 0
        (record,) = _records(project)
        assert record["http_date"] is None
        assert record["etag"] is None
        assert record["last_modified"] is None
        assert record["retrieved"]  # our own clock, always

    @pytest.mark.parametrize(
        ("route", "message"),
        [
            ("/truncated", "download is incomplete"),
            ("/lie", "of the 6,"),
            ("/nowhere", "404"),
            ("/loop", "redirects"),
        ],
    )
    def test_failed_download_records_nothing(
        self, project: Path, http_base: str, route: str, message: str
    ) -> None:
        result = _run(project, "data", "fetch", f"{http_base}{route}", "--dataset", "loans")
        assert result.exit_code == 2
        assert message in result.output
        assert _records(project) == []
        # no file, no partial file
        assert [p.name for p in (project / "data").iterdir()] == ["public.csv"]

    def test_failed_download_keeps_the_old_file(self, tmp_path: Path, http_base: str) -> None:
        dest = tmp_path / "d.csv"
        dest.write_bytes(b"old\n")
        with pytest.raises(FetchError, match="announced"):
            fetch(f"{http_base}/lie", dest)
        assert dest.read_bytes() == b"old\n"

    def test_short_content_length_keeps_the_old_table(self, project: Path, http_base: str) -> None:
        # The server announces half the file: the client stops there, mid-row. The cut table
        # is read before it replaces anything, so the old file stays and nothing is recorded.
        old = project / "data" / "loans.csv"
        old.write_bytes(b"a,b,label\n1,2,0\n")
        result = _run(project, "data", "fetch", f"{http_base}/short", "--dataset", "loans")
        assert result.exit_code == 2
        cut = CSV[: len(CSV) // 2 + 5]
        assert not cut.endswith(b"\n")
        # the last, partial line is line cut.count("\n") + 1 of the file
        line = cut.count(b"\n") + 1
        assert f"loans.csv:{line}: data row {line - 2} has 1 cell" in result.output
        assert "not a readable table" in result.output
        assert old.read_bytes() == b"a,b,label\n1,2,0\n"
        assert sorted(p.name for p in old.parent.iterdir()) == ["loans.csv", "public.csv"]
        assert _records(project) == []

    def test_not_http(self, tmp_path: Path) -> None:
        with pytest.raises(FetchError, match="not an http"):
            fetch("file:///etc/passwd", tmp_path / "x")

    def test_unknown_dataset_needs_output(self, project: Path, http_base: str) -> None:
        result = _run(project, "data", "fetch", f"{http_base}/data.csv", "-d", "ghost")
        assert result.exit_code == 2
        assert "no dataset 'ghost'" in result.output


class TestRecord:
    def test_record_and_bad_time(self, project: Path) -> None:
        path = project / "data" / "public.csv"
        bad = _run(
            project,
            "data",
            "record",
            str(path),
            "-d",
            "public-set",
            "--source",
            "https://partner.example/x",
            "--retrieved",
            "last tuesday",
        )
        assert bad.exit_code == 2
        assert "--retrieved 'last tuesday' is not an ISO 8601" in bad.output
        ok = _run(
            project,
            "data",
            "record",
            str(path),
            "-d",
            "public-set",
            "--source",
            "https://partner.example/x",
            "--retrieved",
            "2026-03-01T09:00:00",
        )
        assert ok.exit_code == 0, ok.output
        (record,) = _records(project)
        assert record["retrieved"] == "2026-03-01T09:00:00Z"
        assert record["method"] == "record"
        assert record["final_url"] is None

    def test_http_time(self) -> None:
        assert http_time("Tue, 03 Mar 2026 10:00:00 GMT") == "2026-03-03T10:00:00Z"
        assert http_time("yesterday") is None
        assert http_time(None) is None
