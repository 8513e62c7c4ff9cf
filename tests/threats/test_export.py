"""Exports of a recorded threat model: Threat Dragon (schema and golden file), JSON, CSV,
Markdown, HTML, and the diagrams."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sai.ledger import Ledger
from sai.manifest import load_manifest
from sai.threats.export import DIAGRAMS, FORMATS
from sai.threats.export.tables import _plain
from sai.threats.model import build_threat_model
from tests._golden import check_golden
from tests.threats._systems import BATCH, RAG_AGENT, demo, write_project

HERE = Path(__file__).parent
SCHEMA = json.loads((HERE / "data" / "owasp.threat-dragon.schema.V2.json").read_text())
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
SYSTEMS = {"demo": demo(), "rag-agent": RAG_AGENT, "batch": BATCH}


def _data(tmp_path: Path, ledger: Ledger, name: str) -> dict[str, Any]:
    loaded = load_manifest(write_project(tmp_path, SYSTEMS[name]))
    model = build_threat_model(loaded, ledger, rules_file=None, now=NOW)
    data: dict[str, Any] = _plain(model.to_data())
    return data


@pytest.mark.parametrize("name", sorted(SYSTEMS))
def test_threat_dragon_matches_its_schema(tmp_path: Path, ledger: Ledger, name: str) -> None:
    data = _data(tmp_path, ledger, name)
    document = json.loads(FORMATS["threat-dragon"](data))
    jsonschema.Draft7Validator(SCHEMA).validate(document)
    cells = document["detail"]["diagrams"][0]["cells"]
    threats = [t for c in cells for t in c.get("data", {}).get("threats", [])]
    assert len(threats) == len(data["threats"])
    flows = [c for c in cells if c["shape"] == "flow"]
    assert len(flows) == len(data["flows"])
    ids = {c["id"] for c in cells}
    assert all(f["source"]["cell"] in ids and f["target"]["cell"] in ids for f in flows)


def test_threat_dragon_golden(
    tmp_path: Path, ledger: Ledger, request: pytest.FixtureRequest
) -> None:
    text = FORMATS["threat-dragon"](_data(tmp_path, ledger, "rag-agent"))
    check_golden(HERE / "golden" / "rag-agent.threat-dragon.json", text, request.config)


def test_schema_refuses_a_broken_document(tmp_path: Path, ledger: Ledger) -> None:
    document = json.loads(FORMATS["threat-dragon"](_data(tmp_path, ledger, "batch")))
    del document["detail"]["diagrams"][0]["cells"][1]["threats"][0]["severity"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SCHEMA).validate(document)


def test_json_carries_atlas_ids(tmp_path: Path, ledger: Ledger) -> None:
    exported = json.loads(FORMATS["json"](_data(tmp_path, ledger, "rag-agent")))
    first = next(t for t in exported["threats"] if t["id"] == "SAI-T002:contract-docs")
    assert first["atlas"] == ["AML.T0051.001"]
    assert first["atlas_names"] == ["LLM Prompt Injection: Indirect"]
    for threat in exported["threats"]:
        assert all(re.fullmatch(r"AML\.T\d{4}(\.\d{3})?", t) for t in threat["atlas"])


def test_csv_and_markdown(tmp_path: Path, ledger: Ledger) -> None:
    data = _data(tmp_path, ledger, "batch")
    rows = list(csv.DictReader(io.StringIO(FORMATS["csv"](data))))
    assert [r["id"] for r in rows] == [t["id"] for t in data["threats"]]
    assert rows[0]["atlas"] == " ".join(data["threats"][0]["atlas"])
    text = FORMATS["md"](data)
    assert text.startswith("# Threat model of fraud-batch\n")
    assert text.count("\n| SAI-T") == len(data["threats"])


def test_html_is_one_escaped_page(tmp_path: Path, ledger: Ledger) -> None:
    data = _data(tmp_path, ledger, "rag-agent")
    data["business_need"] = "<script>alert(1)</script>"
    page = FORMATS["html"](data)
    assert "<script>" not in page
    assert page.count("<tr class=") == len(data["threats"])


def test_diagrams(tmp_path: Path, ledger: Ledger) -> None:
    data = _data(tmp_path, ledger, "rag-agent")
    svg = ET.fromstring(DIAGRAMS["svg"](data))
    ns = "{http://www.w3.org/2000/svg}"
    assert len(svg.findall(f"{ns}line")) == len(data["flows"])
    assert len(svg.findall(f"{ns}g")) == len(data["elements"])
    dot = DIAGRAMS["dot"](data)
    assert dot.startswith('digraph "contract-assistant" {')
    assert dot.count(" -> ") == len(data["flows"])
    mermaid = DIAGRAMS["mermaid"](data)
    assert "subgraph organisation" in mermaid
    assert mermaid.count("-.->") == sum(f["crosses"] for f in data["flows"])


def test_unused_permissions_are_exported_with_the_window(tmp_path: Path, ledger: Ledger) -> None:
    from datetime import timedelta

    from tests.threats._traffic import answer

    first = answer(ledger, NOW - timedelta(days=2), ("crm_lookup",))
    last = answer(ledger, NOW - timedelta(days=1))
    data = _data(tmp_path, ledger, "rag-agent")
    tools = {t["name"]: t for t in data["tools"]}
    assert tools["send-email"]["unused"] == ["mail:send:*"]
    assert tools["crm-lookup"]["unused"] == []
    assert tools["crm-lookup"]["observed"]["first_entry"] == first
    text = FORMATS["md"](data)
    assert "unused, a candidate for removal: mail:send:*" in text
    assert (
        f"Unused permissions read from 2 gateway answers (1 with tool calls, entries "
        f"{first}–{last}) between 2026-11-01T12:00Z and 2026-12-01T12:00Z." in text
    )
    page = FORMATS["html"](data)
    row = page[page.index("<tr><td>send-email</td>") :]
    assert row.startswith("<tr><td>send-email</td><td>email</td><td>mail:send:*</td>")
    assert row[: row.index("</tr>")].endswith("<td>mail:send:*</td>")  # the unused column


def test_without_traffic_unused_is_unknown(tmp_path: Path, ledger: Ledger) -> None:
    data = _data(tmp_path, ledger, "rag-agent")
    assert [t["unused"] for t in data["tools"]] == [None, None]
    assert "Unused permissions: not known" in FORMATS["md"](data)
    assert "<td>not known</td>" in FORMATS["html"](data)
