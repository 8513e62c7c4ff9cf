"""The `monitoring:` section of sai.yaml: defaults, owners, and line-precise errors."""

from __future__ import annotations

from pathlib import Path

from sai.manifest import load_manifest, validate_manifest
from tests.assessment.conftest import MANIFEST, write_project

SECTION = """\
monitoring:
  owners: {default: ml-oncall, extraction: security-oncall}
  drift:
    tests: {income: psi}
    thresholds: {ks: 0.01}
"""


class TestMonitoringSpec:
    def test_defaults_without_the_section(self, tmp_path: Path) -> None:
        spec = load_manifest(write_project(tmp_path)).manifest.monitoring
        assert spec.window_rows == 100_000
        assert spec.drift.drift_share == 0.5
        assert spec.alerting is False
        assert spec.owner("drift") is None

    def test_owners_by_kind_and_default(self, tmp_path: Path) -> None:
        spec = load_manifest(write_project(tmp_path, MANIFEST + SECTION)).manifest.monitoring
        assert spec.alerting is True
        assert spec.owner("extraction") == "security-oncall"
        assert spec.owner("drift") == "ml-oncall"
        assert spec.drift.tests["income"].value == "psi"

    def test_bad_values_name_their_line(self, tmp_path: Path) -> None:
        bad = SECTION.replace("psi", "kolmogorov").replace("0.01", "-1")
        path = write_project(tmp_path, MANIFEST + bad + "  alertmanager_url: ftp://x\n")
        problems = {p.field: p for p in validate_manifest(path) if p.is_error}
        lines = path.read_text().splitlines()
        test = problems["monitoring.drift.tests.income"]
        assert "unknown value 'kolmogorov'" in test.message
        assert "kolmogorov" in lines[test.line - 1]
        assert "-1" in lines[problems["monitoring.drift.thresholds.ks"].line - 1]
        assert "ftp://x" in lines[problems["monitoring.alertmanager_url"].line - 1]

    def test_multivariate_and_text_settings(self, tmp_path: Path) -> None:
        good = (
            "monitoring:\n  multivariate: {enabled: false, max_rows: 500}\n  text: {alpha: 0.05}\n"
        )
        spec = load_manifest(write_project(tmp_path, MANIFEST + good)).manifest.monitoring
        assert (spec.multivariate.enabled, spec.multivariate.max_rows) == (False, 500)
        assert spec.multivariate.min_auc == 0.55
        assert spec.text.alpha == 0.05
        bad = "monitoring:\n  multivariate: {min_auc: 0.4}\n  text: {max_texts: 5}\n"
        path = write_project(tmp_path, MANIFEST + bad)
        problems = {p.field for p in validate_manifest(path) if p.is_error}
        # An AUC below 0.5 would call a worse-than-chance classifier drift; 5 texts test nothing.
        assert {"monitoring.multivariate.min_auc", "monitoring.text.max_texts"} <= problems
