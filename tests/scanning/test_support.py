"""Policy files, the OSV dependency audit, SARIF output and ledger evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sai.errors import InputError
from sai.scanning import ScanSettings, audit, load_osv, load_policy, scan_bytes, to_sarif
from sai.scanning.deps import Package
from sai.scanning.record import audit_evidence, scan_evidence
from tests.scanning import _build as b


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


def _osv(name: str, introduced: str, fixed: str | None) -> dict[str, object]:
    events: list[dict[str, str]] = [{"introduced": introduced}]
    if fixed:
        events.append({"fixed": fixed})
    return {
        "id": f"OSV-{name}",
        "summary": "bad",
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": name},
                "ranges": [{"type": "ECOSYSTEM", "events": events}],
            }
        ],
    }


class TestDeps:
    def test_matches_ranges_and_names(self, tmp_path: Path) -> None:
        path = tmp_path / "osv.json"
        path.write_text(
            json.dumps(
                [_osv("Foo_Bar", "1.0", "1.5"), _osv("baz", "2.0", None), _osv("qux", "0", "1.0")]
            )
        )
        advisories, digest = load_osv(path)
        result = audit(
            [Package("foo-bar", "1.2"), Package("baz", "3.1"), Package("qux", "1.0")],
            advisories,
            digest,
        )
        assert sorted((v.package, v.fixed) for v in result.vulnerabilities) == [
            ("baz", None),
            ("foo-bar", "1.5"),
        ]
        assert result.advisories == 3

    def test_folder_and_bad_json(self, tmp_path: Path) -> None:
        (tmp_path / "a.json").write_text(json.dumps(_osv("x", "0", None)))
        assert len(load_osv(tmp_path)[0]) == 1
        (tmp_path / "b.json").write_text("{")
        with pytest.raises(InputError, match=r"b\.json"):
            load_osv(tmp_path)

    def test_evidence_has_no_floats(self) -> None:
        result = audit([Package("x", "1")], [_osv("x", "0", None)], "sha256:00")
        evidence = audit_evidence(result)
        assert evidence.data["vulnerable_total"] == 1


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
