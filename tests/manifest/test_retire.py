"""Retiring a disposed asset from sai.yaml: a text edit that keeps the rest of the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from sai.manifest import ManifestError, load_manifest
from sai.manifest.disposed_spec import AssetKind, DisposedAsset
from sai.manifest.retire import RetireError, retire_asset, retired_text

TEXT = """\
version: 1
name: s
intended_use: Testing retirement.
roles: [developer]
models:
  - name: m1
    path: m1.bin
    format: other
    source: trained-in-house
    trained_on:
      - a
      - b
  - name: m2
    path: m2.bin
    format: other
    source: trained-in-house
    trained_on: [b, a]
datasets:
  # first
  - name: a
    path: a.csv
  # second
  - name: b
    path: b.csv
people:
  owners: [{name: O}]
  security_contact: security@example.org
disposed:
  - name: old
    kind: config
    disposal: dsp-0
    entry: 1
    date: 2026-01-01
"""


def _record(
    name: str, kind: AssetKind = AssetKind.dataset, disposal: str = "dsp-1"
) -> DisposedAsset:
    return DisposedAsset(name=name, kind=kind, disposal=disposal, entry=7, date=date(2026, 12, 7))


def test_the_entry_moves_and_models_forget_it_in_block_and_flow_style() -> None:
    text = retired_text(TEXT, _record("a"))
    data = yaml.safe_load(text)
    assert [d["name"] for d in data["datasets"]] == ["b"]
    assert data["models"][0]["trained_on"] == ["b"]
    assert data["models"][1]["trained_on"] == ["b"]
    assert [d["name"] for d in data["disposed"]] == ["old", "a"]
    assert data["disposed"][1] == {
        "name": "a",
        "kind": "dataset",
        "disposal": "dsp-1",
        "entry": 7,
        "date": "2026-12-07",
    }
    assert "# first" in text
    assert "# second" in text
    rest = retired_text(text, _record("b", disposal="dsp-2"))
    again = yaml.safe_load(rest)
    assert again["datasets"] == []
    assert again["models"][0]["trained_on"] == []
    assert again["models"][1]["trained_on"] == []


def test_a_manifest_without_disposed_gets_the_section() -> None:
    text = TEXT[: TEXT.index("disposed:")]
    data = yaml.safe_load(retired_text(text, _record("m2", AssetKind.model)))
    assert [m["name"] for m in data["models"]] == ["m1"]
    assert data["disposed"][0]["kind"] == "model"


def test_an_undeclared_asset_and_a_flow_style_section_are_refused() -> None:
    with pytest.raises(RetireError, match="no dataset called 'c'"):
        retired_text(TEXT, _record("c"))
    with pytest.raises(RetireError, match="no model called 'a'"):
        retired_text(TEXT, _record("a", AssetKind.model))
    block = TEXT[TEXT.index("datasets:") : TEXT.index("people:")]
    flow = TEXT.replace(block, "datasets: [{name: a, path: a.csv}, {name: b, path: b.csv}]\n")
    with pytest.raises(RetireError, match="flow style"):
        retired_text(flow, _record("a"))


def test_retire_asset_writes_a_manifest_that_loads_and_is_idempotent(tmp_path: Path) -> None:
    for name in ("m1.bin", "m2.bin", "b.csv"):
        (tmp_path / name).touch()
    path = tmp_path / "sai.yaml"
    path.write_text(TEXT)
    path.chmod(0o640)
    assert retire_asset(path, _record("a")) is True
    loaded = load_manifest(path)
    assert [d.name for d in loaded.manifest.datasets] == ["b"]
    assert loaded.manifest.disposed[-1].name == "a"
    assert path.stat().st_mode & 0o777 == 0o640
    after = path.read_text()
    assert retire_asset(path, _record("a")) is False
    assert path.read_text() == after
    assert list(tmp_path.glob(".sai.yaml.*")) == []


def test_a_model_naming_a_disposed_dataset_is_reported(tmp_path: Path) -> None:
    for name in ("m1.bin", "m2.bin", "b.csv"):
        (tmp_path / name).touch()
    path = tmp_path / "sai.yaml"
    path.write_text(
        retired_text(TEXT, _record("a")).replace("trained_on: [b]", "trained_on: [b, a]")
    )
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    (problem,) = [p for p in caught.value.problems if p.severity == "error"]
    assert "dataset 'a' was disposed of" in problem.format()
