"""The run log: torn lines after a crash, malformed lines, line separators inside prompts."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.redteam.errors import RunLogError
from sai.redteam.model import AttemptId, Category, Result
from sai.redteam.runlog import LOG_NAME, RunLog, read_log


def _result(n: int, answer: str = "fine") -> Result:
    return Result(AttemptId(f"p:{n:04d}"), "p", Category.jailbreak, "ok", answers=(answer,))


class TestRunLog:
    def test_a_torn_last_line_is_dropped_and_cut_before_appending(self, tmp_path: Path) -> None:
        log = RunLog.create(tmp_path, {"run_id": "r"})
        log.append(_result(0).to_json())
        log.close()
        with (tmp_path / LOG_NAME).open("a") as handle:
            handle.write('{"type":"result","attempt":"p:00')  # killed mid-write
        contents = read_log(tmp_path)
        assert list(contents.results) == ["p:0000"]
        log = RunLog.reopen(tmp_path, contents)
        log.append(_result(1).to_json())
        log.close()
        assert list(read_log(tmp_path).results) == ["p:0000", "p:0001"]

    def test_unicode_line_separators_stay_inside_a_record(self, tmp_path: Path) -> None:
        log = RunLog.create(tmp_path, {"run_id": "r"})
        log.append(_result(0, "a\u2028b\u2029c\x85d\re").to_json())
        log.close()
        assert read_log(tmp_path).results[AttemptId("p:0000")].answers == (
            "a\u2028b\u2029c\x85d\re",
        )

    def test_a_malformed_line_names_its_number(self, tmp_path: Path) -> None:
        RunLog.create(tmp_path, {"run_id": "r"}).close()
        with (tmp_path / LOG_NAME).open("a") as handle:
            handle.write("not json\n")
        with pytest.raises(RunLogError, match=r"run\.jsonl:2:"):
            read_log(tmp_path)

    def test_an_existing_run_is_not_overwritten(self, tmp_path: Path) -> None:
        RunLog.create(tmp_path, {"run_id": "r"}).close()
        with pytest.raises(RunLogError) as caught:
            RunLog.create(tmp_path, {"run_id": "s"})
        assert "--resume" in caught.value.diagnostics()

    def test_a_missing_log_says_how_to_start(self, tmp_path: Path) -> None:
        with pytest.raises(RunLogError) as caught:
            read_log(tmp_path)
        assert "sai redteam run" in caught.value.diagnostics()

    @settings(max_examples=60)
    @given(st.binary(max_size=300))
    def test_any_bytes_read_or_fail_cleanly(self, data: bytes) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            (Path(directory) / LOG_NAME).write_bytes(data)
            with contextlib.suppress(RunLogError):
                read_log(Path(directory))
