"""`sai demo`: the README's main job, end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.disposal.baseline_erase import ORIGIN as ERASE_ORIGIN
from sai.disposal.demo_baseline import COPY
from sai.guards.injection import semantic_available
from sai.inventory.errors import SealError
from sai.inventory.seal import custody_for
from sai.ledger import Origin, canonical_json, open_ledger, parse_canonical
from sai.ledger.kinds import KeyDestroyed, Kind
from sai.workspace import open_workspace

runner = CliRunner()


class TestDemo:
    def test_builds_assesses_and_verifies(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL"):
            monkeypatch.delenv(var, raising=False)
        root = tmp_path / "demo"
        result = runner.invoke(app, ["demo", str(root), "--no-pdf"])
        assert result.exit_code == 0, result.output
        assert "Overall verdict" in result.output
        # The monitor names the scraper's key from the banded feature log (personal data).
        flagged = result.output.split("extraction flagged ")[1].split(" (the scraper is ")
        assert flagged[0] == flagged[1].split(")")[0]
        if semantic_available():
            assert "reviewer prompts with off-topic questions: drifted" in result.output
        assert (root / "sai-report" / "monitoring" / "report.md").exists()
        # The loan data is personal: the drift baseline keeps aggregates, the prompts' moments.
        profiles = list((root / ".sai" / "monitoring" / "baselines").glob("*/profile.json"))
        assert [json.loads(p.read_text())["form"] for p in profiles] == ["aggregates"] * 2
        assert list((root / ".sai" / "monitoring" / "baselines").glob("*/embeddings.npy")) == []
        # Its banded row sample is sealed under the dataset's own data key; the analyst's
        # baseline of an undeclared copy under a key of its own, which the demo erased.
        keys = sorted(str(json.loads(p.read_text()).get("sample_key")) for p in profiles)
        assert keys[0].startswith("baseline:")
        assert keys[1] == "loan-applications"
        self._analyst_sample_erased(root, keys[0])
        assert list((root / ".sai" / "monitoring" / "baselines").glob("*/sample.npz")) == []
        logged = list((root / ".sai" / "monitoring" / "features").glob("*.parquet"))
        assert logged
        assert all("q0" in pq.read_schema(p).names for p in logged)
        assert not any("f0" in pq.read_schema(p).names for p in logged)
        report = json.loads((root / "sai-report" / "report.json").read_text())
        assert len(report["principles"]) == 13
        cyclonedx = json.loads((root / "sai-report" / "ai-bom.cdx.json").read_text())
        assert any(c["type"] == "machine-learning-model" for c in cyclonedx["components"])
        spdx = json.loads((root / "sai-report" / "ai-bom.spdx.json").read_text())
        assert any(e["type"] == "ai_AIPackage" for e in spdx["@graph"])
        # The demo's own controls decide some provisions; its attestations are demo data.
        verdicts = {r["provision"]: r for r in report["results"]}
        passed = {p for p, r in verdicts.items() if r["verdict"] == "pass"}
        assert {"5.1.2-3", "5.2.1-1", "5.2.4-1.2", "5.1.1-1"} <= passed
        # Training data: provenance captured from the demo's loopback server and verified,
        # the file restricted, the custodian's sign-off, a deployment folder checked after
        # the training CSV found in it was removed.
        assert {"5.2.4-2", "5.2.4-2.1", "5.2.1-4", "5.1.2-1.1", "5.2.2-3"} <= passed
        assert "recorded provenance that matches" in verdicts["5.2.4-2"]["reason"]
        # A confidential export was sealed, snapshotted, crypto-erased with the custodian's
        # approval; its certificate verifies offline.
        assert verdicts["5.5.1-2"]["verdict"] == "pass", verdicts["5.5.1-2"]["reason"]
        certificate = root / "sai-report" / "disposal-certificate.json"
        checked = runner.invoke(
            app,
            ["dispose", "verify", str(certificate), "--key", str(root / ".sai/keys/signing.pub")],
        )
        assert checked.exit_code == 0, checked.output
        # Documents: built, published, served, read by the briefed people, drilled.
        assert {"5.2.2-4", "5.2.2-5", "5.3.1-1", "5.3.1-2.2", "5.1.1-1.1", "5.2.4-1.1"} <= passed
        assert (root / ".sai" / "public" / ".well-known" / "security.txt").is_file()
        verified = runner.invoke(
            app,
            [
                "verify",
                str(root / "sai-report" / "report.json"),
                "--key",
                str(root / ".sai" / "keys" / "signing.pub"),
            ],
        )
        assert verified.exit_code == 0, verified.output
        ledger = runner.invoke(app, ["ledger", "verify", "--workspace", str(root)])
        assert ledger.exit_code == 0, ledger.output
        self._replaying_by_hand_passes_nothing(root, tmp_path / "replay")
        # Entries carry the time they were made: in ledger order, and not one frozen instant.
        with open_ledger(open_workspace(root), read_only=True) as opened:
            times = [e.evidence.time for e in opened.query()]
        assert times == sorted(times)
        assert len(set(times)) > len(times) // 4

    @staticmethod
    def _analyst_sample_erased(root: Path, key: str) -> None:
        """The analyst baseline's own sample key is gone, recorded by its control."""
        with pytest.raises(SealError):
            custody_for(open_workspace(root), key).data_key(key, create=False)
        with open_ledger(open_workspace(root), read_only=True) as opened:
            entry = opened.latest(kind=Kind.KEY_DESTROYED, subject=key)
        assert entry is not None
        assert entry.evidence.origin == Origin.control(ERASE_ORIGIN)
        assert KeyDestroyed.from_evidence(entry.evidence).remaining == ()
        assert not (root / COPY).exists()

    @staticmethod
    def _replaying_by_hand_passes_nothing(demo: Path, copy: Path) -> None:
        """Every demo entry written again with `sai ledger append` into a fresh workspace."""
        shutil.copytree(demo, copy, ignore=shutil.ignore_patterns(".sai"))
        assert runner.invoke(app, ["init", str(copy)]).exit_code == 0
        shutil.copy(demo / "sai.yaml", copy / "sai.yaml")
        with open_ledger(open_workspace(demo), read_only=True) as original:
            entries = original.query()
        refused = 0
        for entry in entries:
            evidence = entry.evidence
            provisions = [arg for p in evidence.provisions for arg in ("-p", p)]
            data = json.dumps(parse_canonical(canonical_json(evidence.data)))
            for kind in (evidence.kind, f"note.{evidence.kind}"):
                args = ["ledger", "append", "-w", str(copy), "--kind", kind, "--data", data]
                done = runner.invoke(app, [*args, "--subject", evidence.subject, *provisions])
                if done.exit_code == 0:
                    break
                refused += 1
        assert refused == len(entries)  # no kind a control writes can be written by hand
        assessed = runner.invoke(
            app,
            ["assess", "-w", str(copy), "--no-pdf", "--format", "json", "--out", str(copy / "r")],
        )
        assert assessed.exit_code == 0, assessed.output  # inconclusive is not a failure
        report = json.loads((copy / "r" / "report.json").read_text())
        assert [r for r in report["results"] if r["verdict"] == "pass"] == []

    def test_refuses_a_non_empty_directory(self, tmp_path: Path) -> None:
        (tmp_path / "x").write_text("keep me")
        result = runner.invoke(app, ["demo", str(tmp_path)])
        assert result.exit_code == 2
        assert (tmp_path / "x").read_text() == "keep me"


class TestInstalledDemo:
    def test_console_script_with_pdf(self, tmp_path: Path) -> None:
        sai = Path(sys.executable).parent / "sai"
        done = subprocess.run(
            [str(sai), "demo", str(tmp_path / "d")],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
            env={"PATH": str(sai.parent) + ":/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        assert done.returncode == 0, done.stderr
        pdf = tmp_path / "d" / "sai-report" / "report.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        assert "report.html" in done.stdout
