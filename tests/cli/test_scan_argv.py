"""The lean `sai scan` path: it accepts only what Typer accepts, and prints what Typer prints."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.corpus import build as b
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from sai.cli._scan_argv import ScanArgs, parse_scan_argv
from sai.cli._scan_run import FailOnOption, ScanFormat
from sai.cli.app import load_group
from sai.scanning.result import ArtifactResult, Confidence, FailOn, Finding, ScanVerdict, Severity
from sai.scanning.text import render_text, text_lines, write_plain

REPO = Path(__file__).parents[2]
TOKENS = [
    "m.pkl",
    "models/",
    "a=b",
    "-",
    "--",
    "",
    "-f",
    "--format",
    "--format=json",
    "--format=",
    "-fjson",
    "-f=json",
    "json",
    "sarif",
    "text",
    "JSON",
    "bogus",
    "--policy",
    "--policy=p.yaml",
    "p.yaml",
    "--osv",
    "--osv=osv.zip",
    "--deps",
    "--deps=1",
    "--record",
    "--no-record",
    "--fail-on",
    "--fail-on=unknown",
    "dangerous",
    "unknown",
    "-w",
    "--workspace",
    "--workspace=proj",
    "proj",
    "-h",
    "--help",
    "--bogus",
    "-x",
]


def _typer_params(argv: list[str]) -> ScanArgs:
    command = load_group("scan")["scan"]
    context = command.make_context("scan", list(argv))
    p = context.params
    return ScanArgs(
        paths=tuple(p["paths"] or ()),
        output=ScanFormat(p["output"]),
        policy=p["policy"],
        deps=p["deps"],
        osv=p["osv"],
        record=p["record"],
        fail_on=FailOnOption(p["fail_on"]),
        workspace=p["workspace"],
    )


@given(st.lists(st.sampled_from(TOKENS), max_size=7))
@settings(max_examples=400, deadline=None)
def test_whatever_the_lean_parser_accepts_typer_parses_alike(argv: list[str]) -> None:
    lean = parse_scan_argv(argv)
    if lean is not None:
        assert _typer_params(argv) == lean


@pytest.mark.parametrize(
    "argv",
    [
        ["m.pkl"],
        [],
        ["-f", "json", "m.pkl", "--no-record"],
        ["--format=sarif", "--fail-on", "unknown", "a", "b"],
        ["--deps", "--osv", "osv.zip", "-w", "proj", "--policy=p.yaml", "--record"],
    ],
)
def test_ordinary_command_lines_take_the_lean_path(argv: list[str]) -> None:
    lean = parse_scan_argv(argv)
    assert lean is not None
    assert lean == _typer_params(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["-h"],
        ["m.pkl", "--format", "bogus"],
        ["--format"],
        ["--policy", "--deps"],
        ["--", "m.pkl"],
        ["-fjson", "m.pkl"],
        ["--bogus", "m.pkl"],
        [""],
        ["--deps=1"],
    ],
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse_scan_argv(argv) is None


def _sai(args: list[str], cwd: Path, *, typer: bool) -> subprocess.CompletedProcess[str]:
    """`sai ARGS` through `main` (lean path) or straight through the Typer app."""
    code = (
        "import sys; from sai.cli.app import app; app(sys.argv[1:], prog_name='sai')"
        if typer
        else "import sys; sys.argv[0] = 'sai'; from sai.cli.app import main; main()"
    )
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "--no-record", "safe.pkl"],
        ["scan", "--no-record", "evil.pkl"],
        ["scan", "--no-record", "-f", "json", "safe.pkl", "evil.pkl"],
        ["scan", "--no-record", "missing.pkl"],
        ["scan", "--no-record", "--deps", "safe.pkl"],
    ],
)
def test_the_lean_path_prints_and_exits_as_typer_does(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "safe.pkl").write_bytes(b.proto(2, b"}."))
    (tmp_path / "evil.pkl").write_bytes(b.call_pickle("os", "system"))
    lean = _sai(args, tmp_path, typer=False)
    typer = _sai(args, tmp_path, typer=True)
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        typer.returncode,
        typer.stdout,
        typer.stderr,
    )
    assert lean.returncode in (0, 1, 2)


def test_a_recorded_scan_on_the_lean_path_loads_no_typer_pydantic_sqlalchemy_or_rich(
    workspace_dir: Path,
) -> None:
    (workspace_dir / "m.pkl").write_bytes(b.proto(2, b"}."))
    probe = (
        "import json, sys; sys.argv[0] = 'sai'\n"
        "from sai.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, "scan", "m.pkl"],
            capture_output=True,
            text=True,
            cwd=workspace_dir,
            env=env,
            check=True,
        )
        for _ in range(3)  # 1: creates the store; 2: caches sai.yaml; 3: the steady state
    ]
    report = json.loads(runs[-1].stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    heavy = {m.split(".")[0] for m in report["modules"]} & {
        "typer",
        "click",
        "pydantic",
        "sqlalchemy",
        "alembic",
        "rich",
        "yaml",
    }
    assert heavy == set()
    verify = _sai(["ledger", "verify", "--strict"], workspace_dir, typer=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "3 entries" in verify.stdout


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@given(
    paths=st.lists(_TEXT, min_size=1, max_size=4),
    message=_TEXT,
    verdict=st.sampled_from(list(ScanVerdict)),
)
@settings(max_examples=200, deadline=None)
def test_plain_text_is_what_rich_prints_to_a_pipe(
    paths: list[str], message: str, verdict: ScanVerdict
) -> None:
    finding = Finding(
        rule="pickle.unknown_callable",
        severity=Severity.high,
        message=message,
        callable=f"pkg.{message}",
        confidence=Confidence.unknown,
    )
    results = [
        ArtifactResult(path, "", 1, "pickle", verdict, (finding,), inner_formats=("zip",))
        for path in paths
    ]
    through_rich = io.StringIO()
    console = Console(file=through_rich, highlight=False, soft_wrap=True, markup=False, emoji=False)
    render_text(results, None, console, FailOn.dangerous)
    plain = io.StringIO()
    if write_plain(text_lines(results, None, FailOn.dangerous), plain):
        assert plain.getvalue() == through_rich.getvalue()
    else:
        assert plain.getvalue() == ""
        assert any(c in "\t\r\x07\x08\x0b\x0c" for c in "".join(paths) + message)
