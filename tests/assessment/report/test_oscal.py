"""OSCAL assessment-results: validates with compliance-trestle, encodes verdicts as documented."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
from trestle.oscal.assessment_results import AssessmentResults

from sai.assessment.report import (
    OscalValidationError,
    build_assessment_results,
    control_id,
    render_oscal_json,
    validate_assessment_results,
)

from .conftest import A, N, build_report


@pytest.fixture
def document(report: dict[str, Any]) -> dict[str, Any]:
    return build_assessment_results(report)


def findings(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for finding in document["assessment-results"]["results"][0]["findings"]:
        provision = next(p["value"] for p in finding["props"] if p["name"] == "provision")
        out[provision] = finding
    return out


def prop(item: dict[str, Any], name: str) -> str:
    return next(p["value"] for p in item["props"] if p["name"] == name)


class TestValidity:
    def test_validates_with_trestle(self, document: dict[str, Any]) -> None:
        model = AssessmentResults.model_validate(document["assessment-results"])
        assert len(model.results) == 1
        assert validate_assessment_results(document) is True

    def test_golden(self, document: dict[str, Any], golden: Any) -> None:
        golden("oscal-assessment-results.json", render_oscal_json(document))

    def test_uuids_are_deterministic_and_unique(self, report: dict[str, Any]) -> None:
        first = render_oscal_json(build_assessment_results(report))
        assert first == render_oscal_json(build_assessment_results(report))
        uuids = re.findall(r'"uuid": "([^"]+)"', first)
        assert len(uuids) == len(set(uuids))

    def test_invalid_document_is_reported(self, document: dict[str, Any]) -> None:
        document["assessment-results"]["results"][0]["findings"][0]["target"]["status"]["state"] = (
            "maybe"
        )
        with pytest.raises(OscalValidationError, match="does not validate"):
            validate_assessment_results(document)

    def test_without_trestle_validation_is_skipped(
        self, document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "trestle.oscal.assessment_results", None)
        assert validate_assessment_results(document) is False


class TestMapping:
    def test_control_ids_are_oscal_tokens(self) -> None:
        assert control_id("5.2.4-1.2") == "en304223-5.2.4-1.2"

    def test_verdicts_map_to_state_reason_and_prop(
        self, document: dict[str, Any], report: dict[str, Any]
    ) -> None:
        by_provision = findings(document)
        assert len(by_provision) == len(report["results"])
        expected = {
            "pass": ("satisfied", "pass"),
            "fail": ("not-satisfied", "fail"),
            "inconclusive": ("not-satisfied", "other"),
        }
        for result in report["results"]:
            finding = by_provision[result["provision"]]
            status = finding["target"]["status"]
            assert (status["state"], status["reason"]) == expected[result["verdict"]]
            assert status["remarks"] == result["reason"]
            assert prop(finding, "sai-verdict") == result["verdict"]
            assert finding["target"]["target-id"] == control_id(result["provision"]) + "_obj"

    def test_reviewed_controls_include_applicable_and_exclude_excluded(
        self, document: dict[str, Any], report: dict[str, Any]
    ) -> None:
        selection = document["assessment-results"]["results"][0]["reviewed-controls"][
            "control-selections"
        ][0]
        included = [c["control-id"] for c in selection["include-controls"]]
        assert included == [control_id(r["provision"]) for r in report["ics"] if r["status"] == A]
        excluded = [c["control-id"] for c in selection["exclude-controls"]]
        assert excluded == [control_id("5.1.4-2"), control_id("5.2.2-3")]
        assert "5.1.4-2 (excluded): No cloud hosting is used" in selection["remarks"]
        assert control_id("5.5.1-1") not in included + excluded

    def test_observations_carry_index_and_leaf_hash(self, document: dict[str, Any]) -> None:
        result = document["assessment-results"]["results"][0]
        observations = {prop(o, "ledger-index"): o for o in result["observations"]}
        assert set(observations) == {str(i) for i in [*range(21), 26]}
        demo = observations["2"]
        assert prop(demo, "demo-data") == "true"
        assert "leaf hash sha256:" in demo["relevant-evidence"][0]["description"]
        finding = findings(document)["5.1.2-1"]
        assert finding["related-observations"] == [{"observation-uuid": demo["uuid"]}]

    def test_nothing_applicable_uses_include_all_minus_everything(self) -> None:
        def nothing_applies(body: dict[str, Any]) -> None:
            for row in body["ics"]:
                row["status"] = N
            body["results"] = []
            for principle in body["principles"]:
                principle.update(verdict=None, counts={"pass": 0, "fail": 0, "inconclusive": 0})
                principle["excluded"] = 0
            body["overall"] = "inconclusive"

        report = build_report(edit_body=nothing_applies).report
        document = build_assessment_results(report)
        validate_assessment_results(document)
        result = document["assessment-results"]["results"][0]
        selection = result["reviewed-controls"]["control-selections"][0]
        assert selection["include-all"] == {}
        assert len(selection["exclude-controls"]) == len(report["ics"])
        assert "findings" not in result

    def test_multiline_text_becomes_one_line_titles(self) -> None:
        def newline(body: dict[str, Any]) -> None:
            body["system"]["name"] = "two\nlines"

        document = build_assessment_results(build_report(edit_body=newline).report)
        validate_assessment_results(document)
        assert "two lines" in document["assessment-results"]["metadata"]["title"]
