"""The report.json schema: strict parsing, with the field named in every error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.assessment.report import ReportFormatError, load_report_json, parse_report
from sai.assessment.report.schema import coerce_report, dump_report_json
from sai.errors import SaiError


class TestParse:
    def test_round_trip(self, report: dict[str, Any]) -> None:
        parsed = parse_report(load_report_json(dump_report_json(report).encode()))
        assert parsed.overall == "fail"
        assert parsed.principles[0].counts.pass_ == 2
        assert parsed.assessed_datetime().year == 2026
        assert coerce_report(parsed) is parsed

    def test_dump_is_stable_pretty_utf8(self, report: dict[str, Any]) -> None:
        report["system"]["description"] = "Prüfung"
        text = dump_report_json(report)
        assert text.endswith("}\n")
        assert "Prüfung" in text
        assert text.startswith('{\n  "format": "sai.report/1",')

    @pytest.mark.parametrize(
        ("path", "value", "field"),
        [
            (("results", 0, "verdict"), "pass?", r"results\[0\]\.verdict"),
            (("ics", 2, "status"), "maybe", r"ics\[2\]\.status"),
            (("principles", 0, "number"), 14, r"principles\[0\]\.number"),
            (("results", 0, "automated"), "yes", r"results\[0\]\.automated"),
            (("evidence", 0, "index"), -1, r"evidence\[0\]\.index"),
            (("results", 0, "evidence"), [-3], r"results\[0\]\.evidence"),
            (("assessed_at",), "yesterday", "assessed_at"),
            (("assessed_at",), "2026-11-24T06:00:00", "assessed_at"),
            (("principles", 0, "counts", "pass"), 1.0, r"counts\.pass"),
        ],
    )
    def test_bad_values_name_the_field(
        self, report: dict[str, Any], path: tuple[Any, ...], value: Any, field: str
    ) -> None:
        target = report
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        with pytest.raises(ReportFormatError, match=field):
            parse_report(json.loads(json.dumps(report)))

    def test_dump_refuses_values_json_cannot_hold(self) -> None:
        with pytest.raises(SaiError, match="cannot be written as JSON"):
            dump_report_json({"x": float("nan")})


class TestFuzz:
    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=10),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.sampled_from(["format", "ledger", "results", "x"]), inner)
            ),
            max_leaves=10,
        )
    )
    def test_any_json_parses_or_raises_report_format_error(self, value: Any) -> None:
        data = json.dumps(value).encode()
        outcome: object
        try:
            outcome = parse_report(load_report_json(data))
        except ReportFormatError as exc:
            outcome = exc.message
        # Only a whole, valid report parses; everything else is explained, never a crash.
        assert isinstance(outcome, str)
        assert outcome.startswith("the report")
