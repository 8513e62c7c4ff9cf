"""`sai inventory`, `sai snapshot`, `sai restore`, `sai prompts` through the Typer runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from tests.inventory.conftest import MANIFEST, write_project


@pytest.fixture
def root(workspace_dir: Path) -> Path:
    write_project(workspace_dir)
    return workspace_dir


def _run(root: Path, *args: str):
    result = CliRunner().invoke(app, [*args, "--workspace", str(root)])
    assert "Traceback" not in result.output
    return result


class TestInventoryCommands:
    def test_scan_show_sign_verify_bom(self, root: Path, tmp_path: Path) -> None:
        assert _run(root, "inventory", "scan").exit_code == 0
        shown = _run(root, "inventory", "show", "--format", "json")
        assert shown.exit_code == 0
        assert {a["name"] for a in json.loads(shown.stdout)["assets"]} >= {"clf", "train-data"}
        assert _run(root, "inventory", "show", "--format", "dot").stdout.startswith("digraph")
        signed = _run(root, "inventory", "sign", "clf")
        assert signed.exit_code == 0, signed.output
        assert _run(root, "inventory", "verify", "clf").exit_code == 0
        (root / "models" / "clf" / "config.json").write_text("{}")
        bad = _run(root, "inventory", "verify", "clf")
        assert bad.exit_code == 1
        assert "changed  config.json" in bad.stdout
        bom = tmp_path / "bom.json"
        assert _run(root, "inventory", "bom", "--output", str(bom)).exit_code == 0
        assert json.loads(bom.read_text())["specVersion"] == "1.6"
        spdx = _run(root, "inventory", "bom", "--format", "spdx")
        assert spdx.exit_code == 0, spdx.output
        graph = json.loads(spdx.stdout)["@graph"]
        assert {"ai_AIPackage", "dataset_DatasetPackage", "SpdxDocument"} <= {
            e["type"] for e in graph
        }
        wrong = _run(root, "inventory", "bom", "--format", "spdx2")
        assert wrong.exit_code == 2

    def test_bad_input_is_a_message(self, root: Path) -> None:
        result = _run(root, "inventory", "sign", "ghost")
        assert result.exit_code == 2
        assert "no asset called 'ghost'" in result.output
        result = _run(root, "inventory", "verify", "clf")
        assert result.exit_code == 2
        assert "no signature" in result.output
        result = _run(root, "inventory", "show")
        assert result.exit_code == 2
        assert "sai inventory scan" in result.output
        result = _run(root, "inventory", "bom")
        assert result.exit_code == 2

    def test_truncated_signature(self, root: Path) -> None:
        _run(root, "inventory", "sign", "clf")
        signature = root / ".sai" / "inventory" / "signatures" / "clf.sig"
        signature.write_bytes(signature.read_bytes()[:40])
        result = _run(root, "inventory", "verify", "clf")
        assert result.exit_code == 2
        assert "not a model-signing bundle" in result.output

    def test_seal_unseal(self, root: Path) -> None:
        assert _run(root, "inventory", "seal", "train-data").exit_code == 0
        assert (root / "data.csv").read_bytes().startswith(b"SAISEAL1")
        assert _run(root, "inventory", "unseal", "train-data").exit_code == 0
        assert (root / "data.csv").read_text() == "a,b\n1,2\n"


class TestSnapshotCommands:
    def test_create_tamper_restore_drill(self, root: Path) -> None:
        assert _run(root, "snapshot", "create", "--name", "good").exit_code == 0
        listed = _run(root, "snapshot", "list", "--format", "json")
        assert json.loads(listed.stdout)["snapshots"][0]["name"] == "good"
        (root / "prompt.txt").write_text("evil\n")
        dry = _run(root, "restore", "good", "--dry-run")
        assert dry.exit_code == 0
        assert "would restore system-prompt/." in dry.stdout
        assert (root / "prompt.txt").read_text() == "evil\n"
        done = _run(root, "restore", "good")
        assert done.exit_code == 0
        assert "restore verified" in done.stdout
        assert (root / "prompt.txt").read_text() == "You are a test.\n"
        drill = _run(root, "snapshot", "drill")
        assert drill.exit_code == 0
        assert "drill passed" in drill.stdout

    def test_unknown_snapshot(self, root: Path) -> None:
        result = _run(root, "restore", "nope")
        assert result.exit_code == 2
        assert "no snapshot 'nope'" in result.output


class TestPromptCommands:
    def test_set_history_diff_rollback(self, root: Path, tmp_path: Path) -> None:
        new = tmp_path / "p.txt"
        new.write_text("You are a test.\nBe kind.\n")
        assert (
            _run(
                root,
                "prompts",
                "set",
                "system-prompt",
                str(root / "prompt.txt"),
                "--author",
                "alice",
            ).exit_code
            == 0
        )
        assert _run(root, "prompts", "set", "system-prompt", str(new)).exit_code == 0
        history = _run(root, "prompts", "history", "system-prompt", "--format", "json")
        assert [v["version"] for v in json.loads(history.stdout)] == [1, 2]
        assert "+Be kind." in _run(root, "prompts", "diff", "system-prompt", "1", "2").stdout
        back = _run(root, "prompts", "rollback", "system-prompt", "1")
        assert back.exit_code == 0
        assert "as version 3" in back.stdout
        assert (root / "prompt.txt").read_text() == "You are a test.\n"
        missing = _run(root, "prompts", "diff", "system-prompt", "1", "9")
        assert missing.exit_code == 2
        assert "no version 9" in missing.output


#: The test project plus a model that is a single file.
FILE_MODEL = MANIFEST.replace(
    "datasets:\n",
    "  - name: head\n    path: models/head.safetensors\n    format: safetensors\n"
    "    source: trained-in-house\ndatasets:\n",
)


class TestDeleteRestoreVerify:
    """A deleted asset is recorded as missing, restored from the snapshot, and verifies again."""

    @pytest.fixture
    def project(self, workspace_dir: Path) -> Path:
        write_project(workspace_dir, FILE_MODEL)
        (workspace_dir / "models" / "head.safetensors").write_bytes(b"\x08" * 4096)
        for model in ("clf", "head"):
            assert _run(workspace_dir, "inventory", "sign", model).exit_code == 0
        assert _run(workspace_dir, "inventory", "scan").exit_code == 0
        assert _run(workspace_dir, "snapshot", "create", "--name", "good").exit_code == 0
        return workspace_dir

    @staticmethod
    def _missing(root: Path) -> list[tuple[str, str]]:
        from sai.ledger import open_ledger
        from sai.workspace import open_workspace

        with open_ledger(open_workspace(root)) as ledger:
            found = ledger.query(kind="asset.missing")
        return [(e.evidence.subject, e.evidence.data["found_by"]) for e in found]

    @pytest.mark.parametrize(
        ("asset", "relpath", "signed"),
        [
            ("clf", "models/clf", True),
            ("head", "models/head.safetensors", True),
            ("system-prompt", "prompt.txt", False),
        ],
    )
    def test_delete_restore_verify(
        self, project: Path, asset: str, relpath: str, signed: bool
    ) -> None:
        import shutil

        target = project / relpath
        before = {
            p: p.read_bytes()
            for p in ([target] if target.is_file() else target.rglob("*"))
            if p.is_file()
        }
        shutil.rmtree(target) if target.is_dir() else target.unlink()

        scanned = _run(project, "inventory", "scan")
        assert scanned.exit_code == 0, scanned.output
        assert f"missing  {asset}" in scanned.stdout
        expected = [(asset, "inventory.scan")]
        if signed:
            verified = _run(project, "inventory", "verify", asset)
            assert verified.exit_code == 1
            assert f"{asset}: MISSING" in verified.stdout
            assert "sai restore" in verified.stdout
            expected.append((asset, "inventory.verify"))
        assert self._missing(project) == expected

        restored = _run(project, "restore", "good")
        assert restored.exit_code == 0, restored.output
        assert "restore verified" in restored.stdout
        assert {p: p.read_bytes() for p in before} == before
        if signed:
            again = _run(project, "inventory", "verify", asset)
            assert again.exit_code == 0, again.output
        rescanned = _run(project, "inventory", "scan")
        assert "status missing -> present" in rescanned.stdout
        assert self._missing(project) == expected

    def test_first_scan_records_a_missing_asset(self, workspace_dir: Path) -> None:
        write_project(workspace_dir)
        (workspace_dir / "data.csv").unlink()
        assert _run(workspace_dir, "inventory", "scan").exit_code == 0
        assert self._missing(workspace_dir) == [("train-data", "inventory.scan")]

    def test_other_commands_still_refuse_a_missing_file(self, workspace_dir: Path) -> None:
        write_project(workspace_dir)
        (workspace_dir / "prompt.txt").unlink()
        refused = _run(workspace_dir, "snapshot", "create")
        assert refused.exit_code == 2
        assert "file not found: prompt.txt" in refused.output
