"""Start-up: each command loads only what it uses (checked in a fresh interpreter).

`sai scan` runs in CI pipelines and hooks, where start-up is most of its time: it must never
pay for the detector (numpy, scikit-learn, onnxruntime), the report renderer (WeasyPrint), the
AI-BOM library (cyclonedx) or the feature packages it does not run.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.corpus import build as b

from sai.cli.app import COMMANDS

#: Libraries and sai packages that `sai scan` must not import.
NOT_FOR_SCAN = (
    "numpy",
    "sklearn",
    "onnxruntime",
    "tokenizers",
    "weasyprint",
    "cyclonedx",
    "jinja2",
    "uvicorn",
    "sai.assessment",
    "sai.gateway",
    "sai.guards",
    "sai.redteam",
    "sai.monitoring",
    "sai.threats",
    "sai.inventory",
    "sai.provenance",
)

_RUN = """
import json, sys
from sai.cli.app import app
try:
    app(sys.argv[1:], prog_name="sai")
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_after(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    """Run `sai ARGS` in a new interpreter; its exit code and every module it imported."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def _loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_the_libraries_checked_for_are_installed() -> None:
    """The checks below mean something only where these libraries could be imported."""
    for name in ("numpy", "sklearn", "onnxruntime"):
        assert importlib.util.find_spec(name) is not None, name


def test_a_recorded_scan_imports_no_detector_renderer_or_feature_package(
    workspace_dir: Path,
) -> None:
    (workspace_dir / "m.pkl").write_bytes(b.proto(2, b"}."))
    code, modules = _modules_after(["scan", "m.pkl"], workspace_dir)
    assert code == 0
    assert _loaded(modules, "sai.ledger"), "the scan was recorded"
    assert [name for name in NOT_FOR_SCAN if _loaded(modules, name)] == []
    # without --deps or --policy, neither the audit nor the policy is loaded
    assert not _loaded(modules, "sai.scanning.deps")
    assert not _loaded(modules, "sai.scanning.policy")


def test_the_first_scan_after_init_records_without_sqlalchemy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sai init` creates the ledger database, so the first recorded scan takes the lean
    writer (plain sqlite3) instead of creating the schema through SQLAlchemy and Alembic."""
    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL", "SAI_REDIS_URL"):
        monkeypatch.delenv(var, raising=False)
    assert _modules_after(["init", "."], tmp_path)[0] == 0
    (tmp_path / "m.pkl").write_bytes(b.proto(2, b"}."))
    code, modules = _modules_after(["scan", "m.pkl"], tmp_path)
    assert code == 0
    assert _loaded(modules, "sai.ledger.sqlite_writer")
    assert not _loaded(modules, "sqlalchemy")


def test_a_scan_without_recording_loads_neither_ledger_nor_manifest(tmp_path: Path) -> None:
    (tmp_path / "m.pkl").write_bytes(b.proto(2, b"}."))
    code, modules = _modules_after(["scan", "m.pkl", "--no-record"], tmp_path)
    assert code == 0
    forbidden = (*NOT_FOR_SCAN, "sai.ledger", "sai.manifest", "sqlalchemy", "cryptography")
    assert [name for name in forbidden if _loaded(modules, name)] == []


@pytest.mark.parametrize("args", [["--version"], ["scan", "--help"]])
def test_only_the_command_run_is_imported(args: list[str], tmp_path: Path) -> None:
    code, modules = _modules_after(args, tmp_path)
    assert code == 0
    wanted = {f"sai.cli.{COMMANDS[a]}" for a in args if a in COMMANDS}
    commands = {f"sai.cli.{module}" for module in COMMANDS.values()}
    assert {m for m in modules if m in commands} == wanted


_LEAN = """
import json, runpy, sys
sys.argv = ["sai", *sys.argv[1:]]
try:
    runpy.run_module("sai", run_name="__main__")
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_the_scan_as_users_run_it_compiles_no_dataclass(workspace_dir: Path) -> None:
    """A later `python -m sai scan` (the lean path; the first one validates sai.yaml with its
    pydantic schema): `dataclasses` compiles each class's methods at import and loads
    `inspect`, `ast`, `dis` and `tokenize`, together more than a scan of a 1 GB checkpoint
    costs, so the modules a recorded scan loads use `sai._record` instead."""
    (workspace_dir / "m.pkl").write_bytes(b.proto(2, b"}."))
    (workspace_dir / "zipped.pt").write_bytes(b.torch_zip(b.proto(2, b"}.")))
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", _LEAN, "scan", "m.pkl", "zipped.pt"],
            capture_output=True,
            text=True,
            cwd=workspace_dir,
            check=False,
            timeout=120,
        )
        report = json.loads(done.stdout.strip().splitlines()[-1])
        assert report["code"] == 0, done.stdout
    modules = set(report["modules"])
    assert _loaded(modules, "sai.ledger.sqlite_writer"), "the scan was recorded"
    assert _loaded(modules, "sai.scanning.containers.zip"), "the zip was read"
    assert [m for m in ("dataclasses", "inspect", "ast", "typer") if m in modules] == []
