"""The shape of the code: no import cycles among sai's modules, function-level imports included."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

SRC = Path(__file__).resolve().parents[1] / "src"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """Every sai module ``path`` imports anywhere in its body (TYPE_CHECKING blocks too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(t for t in targets if t in modules)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the modules it imports; package ``__init__`` modules are left out (they
    re-export, and would tie every package to its own members)."""
    paths = {_module_name(p): p for p in SRC.rglob("*.py")}
    modules = {name for name, path in paths.items() if path.name != "__init__.py"}
    return {name: _imports(paths[name], name, modules) - {name} for name in sorted(modules)}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


# NOTE: the three cycles the code had when this test was written; they are being split by
# responsibility (issue "house in order"). The test fails on any other cycle, and on one of
# these once it is gone, so that this list only ever shrinks.
KNOWN: set[str] = set()


def test_no_import_cycles() -> None:
    found = cycles(import_graph())
    unknown = [c for c in found if not KNOWN.intersection(c)]
    assert not unknown, f"import cycles: {unknown}"
    still = {m for c in found for m in c if m in KNOWN}
    assert still == KNOWN, f"these cycles are gone; remove them from KNOWN: {KNOWN - still}"


def test_the_package_docstring_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sai
    from sai.cli.app import app

    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    assert CliRunner().invoke(app, ["init", str(tmp_path / "p")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "p")
    doc = sai.__doc__ or ""
    example = doc.split("From Python, for a project made with ``sai init``::")[1]
    code = textwrap.dedent(example.split("\n\n", 1)[1].split("\nThe same from the shell")[0])
    exec(compile(code, "sai.__doc__", "exec"), {})
    assert capsys.readouterr().out.strip() == "True"
    assert (tmp_path / "p" / "report" / "report.html").is_file()


#: The most lines a module of sai may have (STYLE: modules small, names that say one thing).
MAX_LINES = 250

#: Modules over the limit, each exempt for a stated reason. The test fails on any other module
#: over the limit, and on one of these once it is within the limit, so that this list only
#: ever shrinks.
# NOTE: when the rule was written, other helpers were editing src/sai/gateway/,
# src/sai/guards/, src/sai/scanning/, src/sai/ledger/ and src/sai/cli/_scan_argv.py; their
# modules over the limit were split once that work was merged. None is exempt now.
OVERSIZED: frozenset[str] = frozenset()


def _line_counts() -> dict[str, int]:
    return {
        path.relative_to(SRC).as_posix(): len(path.read_bytes().splitlines())
        for path in SRC.rglob("*.py")
    }


def test_modules_stay_small() -> None:
    counts = _line_counts()
    over = {name for name, lines in counts.items() if lines > MAX_LINES}
    unexpected = sorted(f"{name} ({counts[name]} lines)" for name in over - OVERSIZED)
    assert not unexpected, f"modules over {MAX_LINES} lines; split them: {unexpected}"
    small = sorted(OVERSIZED - over)
    assert not small, f"within {MAX_LINES} lines now (or gone); remove from OVERSIZED: {small}"
