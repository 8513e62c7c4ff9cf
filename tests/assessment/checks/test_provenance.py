"""Training-data provenance checks (5.2.4-2, 5.2.4-2.1) read the recorded manifest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sai.assessment.checks import CheckContext
from sai.assessment.checks.provenance import DataSourceDetails, DataSourcesDocumented
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.ledger import Ledger
from sai.manifest import load_manifest
from tests.assessment.conftest import MANIFEST, write_project

NOW = datetime(2026, 11, 24, tzinfo=UTC)


def _run(
    ledger: Ledger,
    root: Path,
    manifest: str,
    check: DataSourcesDocumented | DataSourceDetails,
    pid: str,
):
    loaded = load_manifest(write_project(root, manifest))
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=NOW)
    return check.run(load_catalog().get(pid), ctx), entry


class TestSources:
    def test_declared_is_not_observed(self, ledger: Ledger, workspace_dir: Path) -> None:
        result, entry = _run(ledger, workspace_dir, MANIFEST, DataSourcesDocumented(), "5.2.4-2")
        assert result.verdict is Verdict.INCONCLUSIVE
        assert result.reason.startswith("declared, not observed")
        assert result.evidence == (entry,)

    def test_dataset_without_sources_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        text = MANIFEST.replace(
            "    sources:\n      - url: https://example.org/data.csv\n"
            "        retrieved: 2026-11-01T10:00:00Z\n        licence: CC0-1.0\n",
            "",
        )
        result, _ = _run(ledger, workspace_dir, text, DataSourcesDocumented(), "5.2.4-2")
        assert result.verdict is Verdict.FAIL
        assert "train-data" in result.reason

    def test_unused_dataset_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        text = MANIFEST.replace("    trained_on: [train-data]\n", "")
        result, _ = _run(ledger, workspace_dir, text, DataSourcesDocumented(), "5.2.4-2")
        assert result.verdict is Verdict.FAIL
        assert "trained_on" in result.reason


class TestSourceDetails:
    def test_declared_is_not_observed(self, ledger: Ledger, workspace_dir: Path) -> None:
        result, _ = _run(ledger, workspace_dir, MANIFEST, DataSourceDetails(), "5.2.4-2.1")
        assert result.verdict is Verdict.INCONCLUSIVE
        assert result.reason.startswith("declared, not observed")

    def test_missing_retrieval_time_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        text = MANIFEST.replace("        retrieved: 2026-11-01T10:00:00Z\n", "")
        result, _ = _run(ledger, workspace_dir, text, DataSourceDetails(), "5.2.4-2.1")
        assert result.verdict is Verdict.FAIL
        assert "train-data.sources[0]" in result.reason
