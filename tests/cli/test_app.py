"""The root command: version, help, exit codes, and the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sai import __version__
from sai.cli.app import COMMANDS, app, load_group

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


class TestCommandTable:
    """The root loads command groups on demand from `COMMANDS`: the table must name every
    command a module registers, with that module, in the order `sai --help` shows."""

    def test_each_module_registers_exactly_the_commands_the_table_gives_it(self) -> None:
        for module in set(COMMANDS.values()):
            named = [name for name, owner in COMMANDS.items() if owner == module]
            assert sorted(load_group(module)) == sorted(named), module

    def test_every_command_module_is_reached(self) -> None:
        folder = Path(__file__).parents[2] / "src" / "sai" / "cli"
        modules = {p.stem for p in folder.glob("*.py") if "def register(" in p.read_text()}
        registered_by_others = {"env"}  # `sai env` comes with `sai data`
        assert modules - registered_by_others == set(COMMANDS.values())

    def test_help_lists_every_command_in_table_order(self) -> None:
        result = runner.invoke(app, ["--help"], terminal_width=200)
        assert result.exit_code == 0
        listed = [
            line.strip("│ ").split()[0]
            for line in result.output.split("Commands")[1].splitlines()
            if line.startswith("│ ") and not line.startswith("│  ")
        ]
        assert listed == list(COMMANDS)
