"""The starter manifest of `sai init`, and dumping a manifest back to YAML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sai.errors import InputError
from sai.manifest import (
    Manifest,
    dump_manifest,
    load_manifest,
    load_manifest_bytes,
    render_starter,
    write_starter,
)
from sai.manifest.writing import starter_template
from tests.manifest._data import full, minimal

SECTIONS = (
    "version",
    "name",
    "description",
    "intended_use",
    "prohibited_uses",
    "roles",
    "models",
    "datasets",
    "prompts",
    "configs",
    "upstream",
    "gateway",
    "people",
    "exclusions",
)


class TestStarter:
    @pytest.mark.parametrize(
        "name",
        ["Loan assistant", 'He said "hi"', "colon: here", "#hash", "yes", "1.0", "Café ☕", "'"],
    )
    def test_renders_valid_manifest_with_name(self, tmp_path: Path, name: str) -> None:
        text = render_starter(name)
        loaded = load_manifest_bytes(text.encode(), path=tmp_path / "sai.yaml")
        assert loaded.manifest.name == name
        assert all(not w.is_error for w in loaded.warnings)

    def test_every_section_is_present(self) -> None:
        text = render_starter("x")
        for section in SECTIONS:
            assert f"\n{section}:" in text or f"\n# {section}:" in text, section

    def test_every_field_is_mentioned(self) -> None:
        text = starter_template()
        for word in ("trained_on", "retrieved", "digest", "api_key_env", "review_on", "card"):
            assert word in text

    def test_commented_examples_validate_when_uncommented(self, tmp_path: Path) -> None:
        lines = render_starter("x").splitlines()
        out, in_example = [], False
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if re.fullmatch(r"\w+: \[\]", line) and following.startswith("#  "):
                out.append(line.removesuffix(" []"))
                in_example = True
            elif line == "# upstream:":
                out.append("upstream:")
                in_example = True
            elif in_example and line.startswith("#"):
                out.append(line[1:])
            else:
                out.append(line)
                in_example = False
        files = ("models/credit_scorer.joblib", "data/loans.csv", "prompts/system.txt")
        for name in (*files, "config/guards.yaml"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).touch()
        text = "\n".join(out) + "\n"
        manifest = load_manifest_bytes(text.encode(), path=tmp_path / "sai.yaml").manifest
        assert [a.name for a in manifest.assets()] == [
            "credit-scorer",
            "loans-2024",
            "system-prompt",
            "guard-settings",
        ]
        assert manifest.upstream is not None
        assert manifest.upstream.api_key_env == "UPSTREAM_API_KEY"
        assert manifest.excluded("5.2.2-6") is not None
        assert manifest.prohibited_uses

    @pytest.mark.parametrize("name", ["", "   ", "two\nlines", "bell\a"])
    def test_bad_names_are_refused(self, name: str) -> None:
        with pytest.raises(InputError, match="cannot use"):
            render_starter(name)

    def test_write_refuses_existing_file(self, tmp_path: Path) -> None:
        path = tmp_path / "sai.yaml"
        path.write_text("mine", encoding="utf-8")
        with pytest.raises(InputError, match="already exists") as caught:
            write_starter(path, name="x")
        assert "--force-manifest" in (caught.value.hint or "")
        assert path.read_text(encoding="utf-8") == "mine"

    def test_write_overwrites_when_asked(self, tmp_path: Path) -> None:
        path = tmp_path / "sai.yaml"
        path.write_text("mine", encoding="utf-8")
        write_starter(path, name="System", overwrite=True)
        assert load_manifest(path).manifest.name == "System"

    def test_write_into_missing_directory_is_an_input_error(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="cannot write"):
            write_starter(tmp_path / "no" / "sai.yaml", name="x")


class TestDump:
    def test_round_trip_full(self) -> None:
        manifest = Manifest.model_validate(full())
        assert Manifest.model_validate(yaml.safe_load(dump_manifest(manifest))) == manifest

    def test_defaults_are_left_out(self) -> None:
        text = dump_manifest(Manifest.model_validate(minimal()))
        assert "gateway" not in text
        assert "models" not in text
        assert text.startswith("version: 1\n")

    def test_enums_are_plain_values(self) -> None:
        text = dump_manifest(Manifest.model_validate(full()))
        assert "- developer\n" in text
        assert "format: openai-api\n" in text
        assert "!!python" not in text

    def test_dates_stay_dates(self) -> None:
        text = dump_manifest(Manifest.model_validate(full()))
        assert "retrieved: 2024-05-31\n" in text
