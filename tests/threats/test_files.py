"""The rule library and a project's threats.yaml: adding, suppressing, deciding, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.threats.errors import RulesFileError
from sai.threats.files import load_rules
from sai.threats.library import load_library

_OWN_RULE = """\
rules:
  - id: ORG-T001
    title: Prompt leaks the discount codes
    applies_to: prompt
    atlas: [AML.T0056]
    owasp: ["LLM07:2025"]
    provisions: [5.1.3-1]
    likelihood: 2
    impact: 3
    mitigations: [guards.leakage]
suppress:
  - rule: SAI-T018
    justification: The scorer only ranks; a person decides every case.
risks:
  - threat: SAI-T001:assistant
    likelihood: 2
    treatment: accept
    justification: Answers are read by staff before they reach a customer.
    approved_by: CISO
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "threats.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class TestLibrary:
    def test_every_rule_cites_known_references(self) -> None:
        library = load_library()
        rules = load_rules().rules
        assert len(rules) >= 20
        for rule in rules:
            assert rule.atlas, f"{rule.id} cites no ATLAS technique"
            assert all(t in library.techniques for t in rule.atlas)
            assert all(o in library.owasp for o in rule.owasp)
        assert library.atlas_version == "5.6.0"
        assert library.owasp["LLM01:2025"] == "Prompt Injection"

    def test_categories_the_standard_names(self) -> None:
        ids = {t for rule in load_rules().rules for t in rule.atlas}
        # membership inference, model inversion, data poisoning (5.1.3-1)
        assert {"AML.T0024.000", "AML.T0024.001", "AML.T0020"} <= ids


class TestProjectFile:
    def test_add_suppress_decide(self, tmp_path: Path) -> None:
        rules = load_rules(_write(tmp_path, _OWN_RULE))
        ids = [r.id for r in rules.rules]
        assert "ORG-T001" in ids
        assert "SAI-T018" not in ids
        assert rules.suppressed[0].rule == "SAI-T018"
        decision = rules.decisions[0]
        assert (decision.threat, decision.likelihood, decision.treatment) == (
            "SAI-T001:assistant",
            2,
            "accept",
        )
        assert decision.line == 15

    def test_out_of_range_likelihood(self, tmp_path: Path) -> None:
        text = _OWN_RULE.replace(
            "    likelihood: 2\n    treatment", "    likelihood: 7\n    treatment"
        )
        with pytest.raises(RulesFileError) as caught:
            load_rules(_write(tmp_path, text))
        (problem,) = caught.value.problems
        assert problem.line == 16
        assert problem.message == "likelihood 7 is out of range: use 1 to 5"
        assert problem.field == "risks[0].likelihood"

    def test_rule_errors_each_with_line(self, tmp_path: Path) -> None:
        text = _OWN_RULE.replace("AML.T0056", "AML.T9999").replace("impact: 3\n", "impact: 0\n")
        text = text.replace("SAI-T018", "SAI-T999")
        with pytest.raises(RulesFileError) as caught:
            load_rules(_write(tmp_path, text))
        found = {(p.line, p.message) for p in caught.value.problems}
        assert (5, "unknown ATLAS technique 'AML.T9999'") in found
        assert (12, "unknown rule 'SAI-T999'") in found
        assert "sai threats" not in caught.value.diagnostics()
        assert caught.value.diagnostics().startswith(f"invalid threat file {tmp_path}")

    def test_own_rule_cannot_reuse_library_id(self, tmp_path: Path) -> None:
        text = _OWN_RULE.replace("ORG-T001", "SAI-T001")
        with pytest.raises(RulesFileError) as caught:
            load_rules(_write(tmp_path, text))
        assert caught.value.problems[0].message == "SAI-T001 is a library rule"
        assert caught.value.problems[0].line == 2

    def test_unknown_control_and_condition(self, tmp_path: Path) -> None:
        text = _OWN_RULE.replace("[guards.leakage]", "[guards.magic]")
        with pytest.raises(RulesFileError) as caught:
            load_rules(_write(tmp_path, text))
        assert caught.value.problems[0].message == "unknown control 'guards.magic'"

    def test_yaml_syntax(self, tmp_path: Path) -> None:
        with pytest.raises(RulesFileError) as caught:
            load_rules(_write(tmp_path, "rules: [\n"))
        assert caught.value.problems[0].message.startswith("YAML syntax")


_scalars = st.none() | st.booleans() | st.integers(-3, 9) | st.text(max_size=12)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "rules",
                    "suppress",
                    "risks",
                    "id",
                    "title",
                    "applies_to",
                    "when",
                    "likelihood",
                    "impact",
                    "threat",
                    "rule",
                    "justification",
                    "fact",
                    "atlas",
                    "treatment",
                    "x",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=_values)
def test_any_document_loads_or_fails_with_file_errors(tmp_path: Path, document: object) -> None:
    path = _write(tmp_path, yaml.safe_dump(document))
    try:
        files = [load_rules(path).project_file]
    except RulesFileError as error:
        files = [p.file for p in error.problems]
    assert files
    assert set(files) == {str(path)}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_any_text_loads_or_fails_with_file_errors(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    try:
        files = [load_rules(path).project_file]
    except RulesFileError as error:
        files = [p.file for p in error.problems]
    assert files
    assert set(files) == {str(path)}
