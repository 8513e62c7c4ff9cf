"""`sai init` and `sai validate` through the CLI runner."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.ledger import open_ledger
from sai.ledger.sqlite_writer import SqliteLedgerWriter
from sai.manifest import load_manifest
from sai.workspace import open_workspace

runner = CliRunner()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL", "SAI_REDIS_URL"):
        monkeypatch.delenv(var, raising=False)


class TestInit:
    def test_init_then_validate(self, tmp_path: Path) -> None:
        project = tmp_path / "new" / "project"
        result = runner.invoke(app, ["init", str(project), "--name", "Loan assistant"])
        assert result.exit_code == 0, result.output
        assert f"wrote {project / 'sai.yaml'}" in result.output
        assert "sai validate" in result.output
        checked = runner.invoke(app, ["validate", "--manifest", str(project / "sai.yaml")])
        assert checked.exit_code == 0, checked.output
        assert load_manifest(project / "sai.yaml").manifest.name == "Loan assistant"

    def test_workspace_and_key_mode(self, tmp_path: Path) -> None:
        assert runner.invoke(app, ["init", str(tmp_path), "--name", "Key Test"]).exit_code == 0
        workspace = open_workspace(tmp_path)
        assert stat.S_IMODE(workspace.signing_key_path.stat().st_mode) == 0o600
        assert workspace.public_key_path.is_file()
        assert "key-test" in workspace.settings.origin

    def test_init_creates_the_ledger_at_the_current_schema(self, tmp_path: Path) -> None:
        assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
        workspace = open_workspace(tmp_path)
        database = workspace.sai_dir / "ledger.db"
        assert stat.S_IMODE(database.stat().st_mode) == 0o600
        writer = SqliteLedgerWriter.for_workspace(workspace)
        assert writer is not None, "the lean writer refuses the new ledger"
        writer.close()
        with open_ledger(workspace, read_only=True) as ledger:
            assert ledger.size() == 0

    def test_init_leaves_a_server_database_to_its_first_use(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # port 9 (discard) on loopback: a connection would fail, so init must not try one
        monkeypatch.setenv("SAI_DATABASE_URL", "postgresql+psycopg://sai@127.0.0.1:9/none")
        result = runner.invoke(app, ["init", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert not (tmp_path / ".sai" / "ledger.db").exists()

    def test_default_name_is_the_directory(self, tmp_path: Path) -> None:
        project = tmp_path / "fraud-screen"
        assert runner.invoke(app, ["init", str(project)]).exit_code == 0
        assert load_manifest(project / "sai.yaml").manifest.name == "fraud-screen"

    def test_default_directory_is_cwd(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        result = runner.invoke(app, ["init", "--name", "Here"])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "sai.yaml").is_file()
        assert (tmp_path / ".sai" / "settings.json").is_file()

    def test_reinit_refuses(self, tmp_path: Path) -> None:
        assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
        manifest = tmp_path / "sai.yaml"
        manifest.write_text(manifest.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        before = manifest.read_text(encoding="utf-8")
        key_before = (tmp_path / ".sai" / "keys" / "signing.key").read_bytes()
        result = runner.invoke(app, ["init", str(tmp_path), "--force-manifest"])
        assert result.exit_code == 2
        assert "already holds a sai workspace" in result.output
        assert "sai validate" in result.output
        assert manifest.read_text(encoding="utf-8") == before
        assert (tmp_path / ".sai" / "keys" / "signing.key").read_bytes() == key_before

    def test_existing_manifest_is_kept(self, tmp_path: Path) -> None:
        manifest = tmp_path / "sai.yaml"
        manifest.write_text("mine\n", encoding="utf-8")
        result = runner.invoke(app, ["init", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert "kept the existing" in result.output
        assert manifest.read_text(encoding="utf-8") == "mine\n"
        assert (tmp_path / ".sai" / "settings.json").is_file()

    def test_force_manifest_replaces_it(self, tmp_path: Path) -> None:
        manifest = tmp_path / "sai.yaml"
        manifest.write_text("mine\n", encoding="utf-8")
        result = runner.invoke(app, ["init", str(tmp_path), "--force-manifest", "--name", "N"])
        assert result.exit_code == 0, result.output
        assert load_manifest(manifest).manifest.name == "N"

    def test_bad_name_makes_nothing(self, tmp_path: Path) -> None:
        project = tmp_path / "p"
        result = runner.invoke(app, ["init", str(project), "--name", "   "])
        assert result.exit_code == 2
        assert "cannot use" in result.output
        assert not (project / ".sai").exists()
        assert not (project / "sai.yaml").exists()

    def test_directory_is_a_file(self, tmp_path: Path) -> None:
        target = tmp_path / "file"
        target.write_text("x", encoding="utf-8")
        result = runner.invoke(app, ["init", str(target)])
        assert result.exit_code == 2
        assert "Traceback" not in result.output


BROKEN = """\
version: 1
name: Loan assistant
intended_use: Scores loans.
roles: [developer]
modles: []
people:
  owners: []
  security_contact: security@bank.test
"""


class TestValidate:
    def test_broken_manifest_exits_2_with_positions(self, tmp_path: Path) -> None:
        path = tmp_path / "sai.yaml"
        path.write_text(BROKEN, encoding="utf-8")
        result = runner.invoke(app, ["validate", "--manifest", str(path)])
        assert result.exit_code == 2
        assert "sai.yaml:5:1: modles: unknown key 'modles'; did you mean 'models'?" in result.output
        assert "sai.yaml:7:11: people.owners: must list at least one item" in result.output
        assert result.output.rstrip().endswith("invalid (2 errors)")

    def test_json(self, tmp_path: Path) -> None:
        path = tmp_path / "sai.yaml"
        path.write_text(BROKEN, encoding="utf-8")
        result = runner.invoke(app, ["validate", "-m", str(path), "--format", "json"])
        assert result.exit_code == 2
        body = json.loads(result.output)
        assert body["manifest"] == str(path)
        assert body["valid"] is False
        assert [(p["line"], p["field"]) for p in body["problems"]] == [
            (5, "modles"),
            (7, "people.owners"),
        ]
        assert body["problems"][0]["severity"] == "error"

    def test_json_valid_with_warnings(self, tmp_path: Path) -> None:
        assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
        result = runner.invoke(app, ["validate", "-m", str(tmp_path / "sai.yaml"), "-f", "json"])
        assert result.exit_code == 0
        body = json.loads(result.output)
        assert body["valid"] is True
        assert {p["severity"] for p in body["problems"]} == {"warning"}

    def test_default_is_the_workspace_manifest(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
        sub = tmp_path / "src" / "deep"
        sub.mkdir(parents=True)
        monkeypatch.chdir(sub)
        result = runner.invoke(app, ["validate"])
        assert result.exit_code == 0, result.output
        assert "sai.yaml: valid" in result.output

    def test_default_without_workspace_is_cwd(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        result = runner.invoke(app, ["validate"])
        assert result.exit_code == 2
        assert "sai.yaml: file not found (hint: run `sai init`" in result.output

    def test_workspace_env_is_used(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        project = tmp_path / "p"
        assert runner.invoke(app, ["init", str(project)]).exit_code == 0
        (project / "sai.yaml").write_text(BROKEN, encoding="utf-8")
        monkeypatch.setenv("SAI_WORKSPACE", str(project))
        monkeypatch.chdir(tmp_path)
        result = runner.invoke(app, ["validate"])
        assert result.exit_code == 2
        assert "p/sai.yaml:5:1:" in result.output

    def test_help_teaches(self) -> None:
        result = runner.invoke(app, ["validate", "--help"])
        assert result.exit_code == 0
        assert "--format" in result.output
        assert "Exit 0" in result.output
