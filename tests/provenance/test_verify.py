"""`sai data verify`: digests, and the rows added, removed and changed since recording."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.provenance.errors import ProvenanceError
from sai.provenance.rowhash import RowHashes, diff_rows, row_hash


def _run(root: Path, *args: str):
    result = CliRunner().invoke(app, [*args, "--workspace", str(root)])
    assert "Traceback" not in result.output
    return result


def _write(path: Path, rows: list[list[str]]) -> None:
    path.write_text("a,b,label\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")


class TestRowHashes:
    def test_diff_names_rows(self) -> None:
        before = RowHashes.of([("1",), ("2",), ("3",), ("4",)])
        after = RowHashes.of([("1",), ("X",), ("3",), ("4",), ("5",)])
        diff = diff_rows(before, after)
        assert diff.changed == (1,)
        assert diff.added == (4,)
        assert diff.removed == ()
        moved = diff_rows(before, RowHashes.of([("4",), ("3",), ("2",), ("1",)]))
        assert moved.unchanged

    def test_unambiguous(self) -> None:
        assert row_hash(("a\x1fb", "c")) != row_hash(("a", "b\x1fc"))
        assert row_hash(("ab", "")) != row_hash(("a", "b"))

    def test_round_trip_and_truncation(self, tmp_path: Path) -> None:
        hashes = RowHashes.of([("1", "2")] * 3)
        hashes.write(tmp_path / "m.rows")
        assert RowHashes.read(tmp_path / "m.rows") == hashes
        (tmp_path / "m.rows").write_bytes(hashes.to_bytes()[:-1])
        with pytest.raises(ProvenanceError, match="announces 3 rows but holds 2"):
            RowHashes.read(tmp_path / "m.rows")


class TestVerifyCommand:
    def test_unchanged_then_poisoned(self, project: Path) -> None:
        path = project / "data" / "loans.csv"
        rows = [[str(i), str(i * 2), str(i % 2)] for i in range(50)]
        _write(path, rows)
        recorded = _run(
            project,
            "data",
            "record",
            str(path),
            "-d",
            "loans",
            "--source",
            "https://bank.example/loans.csv",
            "--retrieved",
            "2026-01-02",
        )
        assert recorded.exit_code == 0, recorded.output
        ok = _run(project, "data", "verify", "loans")
        assert ok.exit_code == 0, ok.output
        assert "ok       loans" in ok.stdout
        rows[7][2] = "1" if rows[7][2] == "0" else "0"  # a label flip
        del rows[20]
        rows.append(["999", "1", "1"])
        _write(path, rows)
        bad = _run(project, "data", "verify", "loans", "--format", "json")
        assert bad.exit_code == 1
        (outcome,) = json.loads(bad.stdout)["datasets"]
        assert outcome["matches"] is False
        assert outcome["source"] == "https://bank.example/loans.csv"
        assert outcome["rows"]["changed_rows"] == [7]
        assert outcome["rows"]["removed_rows"] == [20]
        assert outcome["rows"]["added_rows"] == [49]  # appended: 50 - 1 removed + 1 rows
        text = _run(project, "data", "verify", "loans")
        assert "changed        1 rows: 7" in text.stdout

    def test_parquet_rows(self, project: Path) -> None:
        path = project / "data" / "p.parquet"
        pq.write_table(pa.table({"x": list(range(10)), "y": ["a"] * 10}), path)
        assert (
            _run(
                project,
                "data",
                "record",
                str(path),
                "-d",
                "pq",
                "--source",
                "s3://b/p",
                "--retrieved",
                "2026-01-02",
            ).exit_code
            == 0
        )
        pq.write_table(pa.table({"x": list(range(10)), "y": ["a"] * 9 + ["b"]}), path)
        out = _run(project, "data", "verify", "pq", "--format", "json")
        assert out.exit_code == 1
        assert json.loads(out.stdout)["datasets"][0]["rows"]["changed_rows"] == [9]

    def test_unrecorded(self, project: Path) -> None:
        result = _run(project, "data", "verify", "loans")
        assert result.exit_code == 2
        assert "no provenance recorded for loans" in result.output
