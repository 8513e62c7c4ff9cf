"""Policy files, SARIF output and ledger evidence (the dependency audit: test_deps.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.corpus import build as b

from sai.errors import InputError
from sai.scanning import ScanSettings, load_policy, scan_bytes, to_sarif
from sai.scanning.record import scan_evidence


class TestPolicy:
    def test_loads_entries(self, tmp_path: Path) -> None:
        path = tmp_path / "policy.yaml"
        path.write_text(
            "allow:\n  - module: mypkg.nets\n    name: Tiny\n    justification: our own class\n"
            "models:\n  - name: hub-model\n    justification: only model for the language\n"
        )
        policy = load_policy(path)
        assert policy.allow_pairs() == [("mypkg.nets", "Tiny")]
        assert policy.digest.startswith("sha256:")

    @pytest.mark.parametrize(
        ("text", "where"),
        [
            ("allow:\n  - module: os\n    name: system\n", "allow.0.justification"),
            (
                "allow:\n  - module: 'a b'\n    name: x\n    justification: 1234567890\n",
                "allow.0.module",
            ),
            ("surprise: 1\n", "surprise"),
        ],
    )
    def test_errors_name_the_field(self, tmp_path: Path, text: str, where: str) -> None:
        path = tmp_path / "p.yaml"
        path.write_text(text)
        with pytest.raises(InputError, match=where):
            load_policy(path)

    def test_bad_yaml(self, tmp_path: Path) -> None:
        path = tmp_path / "p.yaml"
        path.write_text("allow: [")
        with pytest.raises(InputError, match="not valid YAML"):
            load_policy(path)


class TestSarif:
    def test_valid_shape(self) -> None:
        result = scan_bytes(b.torch_zip(b.call_pickle("os", "system")), "m.pt", ScanSettings())
        sarif = to_sarif([result])
        run = sarif["runs"][0]
        assert sarif["version"] == "2.1.0"
        rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        for item in run["results"]:
            assert rule_ids[item["ruleIndex"]] == item["ruleId"]
            assert item["level"] in ("error", "warning", "note")
        names = [
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in run["results"]
        ]
        assert any(n.startswith("m.pt!archive/data.pkl@") for n in names)


class TestEvidence:
    def test_scan_evidence_of_an_undeclared_file(self, tmp_path: Path) -> None:
        result = scan_bytes(b.call_pickle("os", "system"), str(tmp_path / "x.pkl"), ScanSettings())
        evidence = scan_evidence(result, manifest=None, policy=None, root=tmp_path)
        assert evidence.subject == "x.pkl"
        assert set(evidence.provisions) == {"5.2.3-1", "5.1.2-4"}
        assert evidence.data["verdict"] == "unsafe"
        assert evidence.data["findings"][0]["callable"] == "os.system"
        assert evidence.data["findings"][0]["confidence"] == "dangerous"
        assert (evidence.data["dangerous_total"], evidence.data["unknown_total"]) == (1, 0)
