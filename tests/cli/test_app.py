"""The root command: version, help, exit codes, and the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sai import __version__
from sai.cli.app import app

runner = CliRunner()


class TestRoot:
    def test_version(self) -> None:
        result = runner.invoke(app, ["--version"])
        assert result.exit_code == 0
        assert result.output.strip() == f"sai {__version__}"

    def test_help_documents_exit_codes(self) -> None:
        result = runner.invoke(app, ["--help"])
        assert result.exit_code == 0
        assert "Exit codes" in result.output

    def test_unknown_command_is_usage_error(self) -> None:
        result = runner.invoke(app, ["no-such-command"])
        assert result.exit_code == 2


class TestInstalledScript:
    def test_console_script_runs(self) -> None:
        exe = str(Path(sys.executable).parent / "sai")
        if not Path(exe).exists():
            exe = shutil.which("sai") or exe
        done = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"sai {__version__}"
