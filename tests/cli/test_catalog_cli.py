"""`sai catalog list | show | export` through the Typer runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from trestle.oscal.catalog import Catalog as TrestleCatalog
from typer.testing import CliRunner

from sai.catalog import Force, Role, load_catalog
from sai.cli.app import app

runner = CliRunner()


class TestList:
    @pytest.mark.parametrize("role", list(Role))
    def test_json_filtered_by_role_is_exactly_the_binding_provisions(self, role: Role) -> None:
        result = runner.invoke(app, ["catalog", "list", "--role", role.value, "--format", "json"])
        assert result.exit_code == 0, result.output
        ids = [item["id"] for item in json.loads(result.stdout)]
        expected = [p.id for p in load_catalog().provisions if role in p.roles]
        assert ids == expected

    def test_json_fields(self) -> None:
        result = runner.invoke(app, ["catalog", "list", "-f", "json"])
        items = json.loads(result.stdout)
        assert len(items) == len(load_catalog().provisions)
        assert set(items[0]) == {
            "id",
            "principle",
            "phase",
            "roles",
            "force",
            "summary",
            "evidence",
            "parent",
        }

    def test_hyphenated_role_alias(self) -> None:
        one = runner.invoke(app, ["catalog", "list", "--role", "system-operator", "-f", "json"])
        two = runner.invoke(app, ["catalog", "list", "--role", "system_operator", "-f", "json"])
        assert one.exit_code == two.exit_code == 0
        assert one.stdout == two.stdout

    def test_several_roles_match_any(self) -> None:
        result = runner.invoke(
            app, ["catalog", "list", "-r", "data_custodian", "-r", "end_user", "-f", "json"]
        )
        ids = {item["id"] for item in json.loads(result.stdout)}
        catalog = load_catalog()
        assert ids == {p.id for p in catalog.select(roles=[Role.data_custodian, Role.end_user])}

    def test_principle_and_force_filters(self) -> None:
        result = runner.invoke(
            app, ["catalog", "list", "--principle", "12", "--force", "shall", "-f", "json"]
        )
        assert [item["id"] for item in json.loads(result.stdout)] == ["5.4.2-1"]

    def test_should_filter(self) -> None:
        result = runner.invoke(app, ["catalog", "list", "--force", "should", "-f", "json"])
        items = json.loads(result.stdout)
        assert items
        assert all("should" in item["force"] for item in items)
        assert len(items) == len(load_catalog().select(force=Force.should))

    def test_text_table(self) -> None:
        result = runner.invoke(app, ["catalog", "list", "--principle", "13"])
        assert result.exit_code == 0
        assert "5.5.1-1" in result.stdout
        assert "5.5.1-2" in result.stdout
        assert "2 provision(s)" in result.stdout

    @pytest.mark.parametrize("value", ["14", "0", "x"])
    def test_bad_principle_is_usage_error(self, value: str) -> None:
        result = runner.invoke(app, ["catalog", "list", "--principle", value])
        assert result.exit_code == 2

    def test_unknown_role_is_usage_error(self) -> None:
        result = runner.invoke(app, ["catalog", "list", "--role", "auditor"])
        assert result.exit_code == 2
        assert "--role" in result.output

    def test_unknown_force_is_usage_error(self) -> None:
        assert runner.invoke(app, ["catalog", "list", "--force", "must"]).exit_code == 2


class TestShow:
    def test_text(self) -> None:
        result = runner.invoke(app, ["catalog", "show", "5.2.1-4"])
        assert result.exit_code == 0
        provision = load_catalog().get("5.2.1-4")
        assert "Provision 5.2.1-4" in result.stdout
        assert "5.2.1-4.1, 5.2.1-4.2" in result.stdout
        for hint in provision.evidence:
            assert hint in result.stdout

    def test_json(self) -> None:
        result = runner.invoke(app, ["catalog", "show", "5.2.4-1.2", "--format", "json"])
        assert result.exit_code == 0
        assert json.loads(result.stdout) == load_catalog().get("5.2.4-1.2").as_dict()

    def test_unknown_id_exit_2_with_hint(self) -> None:
        result = runner.invoke(app, ["catalog", "show", "5.2.1-4.3"])
        assert result.exit_code == 2
        assert "no provision '5.2.1-4.3'" in result.output
        assert "did you mean 5.2.1-4.2" in result.output
        assert "Traceback" not in result.output


class TestExport:
    def test_oscal_to_stdout_validates_with_trestle(self) -> None:
        result = runner.invoke(app, ["catalog", "export", "--format", "oscal"])
        assert result.exit_code == 0
        document = json.loads(result.stdout)
        model = TrestleCatalog.model_validate(document["catalog"])
        assert model.metadata.version == "V2.1.1"

    def test_oscal_to_file(self, tmp_path: Path) -> None:
        out = tmp_path / "catalog.json"
        result = runner.invoke(app, ["catalog", "export", "-f", "oscal", "--out", str(out)])
        assert result.exit_code == 0
        assert result.stdout == ""
        TrestleCatalog.model_validate(json.loads(out.read_text())["catalog"])

    def test_ciso_assistant(self, tmp_path: Path) -> None:
        out = tmp_path / "library.yaml"
        result = runner.invoke(app, ["catalog", "export", "-f", "ciso-assistant", "-o", str(out)])
        assert result.exit_code == 0
        library = yaml.safe_load(out.read_text())
        framework = library["objects"]["framework"]
        assessable = [n["ref_id"] for n in framework["requirement_nodes"] if n["assessable"]]
        assert assessable == list(load_catalog().ids)

    def test_ciso_assistant_stdout_equals_file(self, tmp_path: Path) -> None:
        out = tmp_path / "library.yaml"
        runner.invoke(app, ["catalog", "export", "-f", "ciso-assistant", "-o", str(out)])
        result = runner.invoke(app, ["catalog", "export", "-f", "ciso-assistant"])
        assert result.stdout == out.read_text()

    def test_unwritable_out_is_input_error(self, tmp_path: Path) -> None:
        out = tmp_path / "missing-folder" / "catalog.json"
        result = runner.invoke(app, ["catalog", "export", "-f", "oscal", "-o", str(out)])
        assert result.exit_code == 2
        assert "cannot write" in result.output
        assert "Traceback" not in result.output

    def test_format_is_required(self) -> None:
        assert runner.invoke(app, ["catalog", "export"]).exit_code == 2

    def test_unknown_format(self) -> None:
        assert runner.invoke(app, ["catalog", "export", "-f", "xlsx"]).exit_code == 2
