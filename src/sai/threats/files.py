"""Read the rule library and a project's own threat file (``threats.yaml``) with file:line errors.

The project file may add rules (same form as the library's), suppress library rules with a
justification, and record risk decisions per threat (likelihood, impact, treatment, owner,
acceptance). Everything is checked on load; a problem names its line. The suppressions and
risk decisions are read by `sai.threats.decisions` (re-exported here).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

# NOTE: the manifest's YAML reader is reused for its line tracking and alias-bomb limits.
from sai.manifest._yaml_positions import YamlSyntaxError, locate, parse_yaml
from sai.manifest.problems import Problem
from sai.threats.decisions import (
    TREATMENTS,
    Decision,
    Suppression,
    parse_decision,
    parse_suppression,
)
from sai.threats.errors import RuleProblem, RulesFileError
from sai.threats.library import Library, load_library
from sai.threats.rules import Rule, parse_rules

#: The name of a project's own threat file, beside sai.yaml.
PROJECT_FILE = "threats.yaml"
MAX_BYTES = 1 << 20
_TOP = frozenset({"rules", "suppress", "risks"})


@dataclass(frozen=True)
class RuleSet:
    """The rules in force, the suppressions, the decisions, and the files they came from."""

    rules: tuple[Rule, ...]
    suppressed: tuple[Suppression, ...] = ()
    decisions: tuple[Decision, ...] = ()
    project_file: str | None = None
    project_text: str | None = None


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RulesFileError(str(path), [Problem(str(path), None, None, "", str(error))]) from None
    if len(data) > MAX_BYTES:
        raise RulesFileError(str(path), [Problem(str(path), None, None, "", "file too large")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise RulesFileError(str(path), [Problem(str(path), None, None, "", "not UTF-8")]) from None


def _document(text: str, file: str) -> tuple[Any, Any]:
    try:
        parsed = parse_yaml(text)
    except YamlSyntaxError as error:
        raise RulesFileError(
            file, [Problem(file, error.line, error.column, "", f"YAML syntax: {error.message}")]
        ) from None
    if parsed.data is None:
        return None, {}
    if not isinstance(parsed.data, Mapping):
        raise RulesFileError(
            file, [Problem(file, 1, 1, "", "expected a mapping of keys (rules, suppress, risks)")]
        )
    return parsed.root, parsed.data


def _place(file: str, root: Any, problem: RuleProblem) -> Problem:
    line, column = locate(root, problem.loc)
    field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in problem.loc)
    return Problem(file, line, column, field.replace(".[", "["), problem.message, problem.hint)


@functools.cache  # NOTE: package data never changes while the process runs; rules are frozen
def _library_rules() -> tuple[Rule, ...]:
    library = load_library()
    file = "sai/threats/data/rules.yaml"
    text = resources.files("sai.threats").joinpath("data").joinpath("rules.yaml").read_text("utf-8")
    root, data = _document(text, file)
    rules, problems = parse_rules(data.get("rules") or [], ("rules",), library)
    if problems:
        raise RulesFileError(file, [_place(file, root, p) for p in problems])
    return rules


def _list(data: Mapping[str, Any], key: str) -> list[object]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise RuleProblem((key,), f"'{key}' must be a list")
    return value


def _project(text: str, file: str, library: Library, base: tuple[Rule, ...]) -> RuleSet:
    root, data = _document(text, file)
    problems: list[RuleProblem] = []
    unknown = sorted(set(map(str, data)) - _TOP)
    problems += [
        RuleProblem((k,), f"unknown key '{k}'", "keys: rules, suppress, risks") for k in unknown
    ]
    try:
        extra, rule_problems = parse_rules(_list(data, "rules"), ("rules",), library)
        problems += rule_problems
        suppress_items, risk_items = _list(data, "suppress"), _list(data, "risks")
    except RuleProblem as problem:
        raise RulesFileError(file, [_place(file, root, problem)]) from None
    base_ids = {r.id for r in base}
    for index, rule in enumerate(extra):
        if rule.id in base_ids:
            problems.append(
                RuleProblem(
                    ("rules", index, "id"),
                    f"{rule.id} is a library rule",
                    "give your rule an id with your own prefix",
                )
            )
    suppressed, decisions = [], []
    for index, item in enumerate(suppress_items):
        try:
            suppressed.append(parse_suppression(item, ("suppress", index), base_ids))
        except RuleProblem as problem:
            problems.append(problem)
    for index, item in enumerate(risk_items):
        try:
            decisions.append(parse_decision(item, ("risks", index), root))
        except RuleProblem as problem:
            problems.append(problem)
    if problems:
        raise RulesFileError(file, [_place(file, root, p) for p in problems])
    off = {s.rule for s in suppressed}
    rules = tuple(r for r in (*base, *extra) if r.id not in off)
    return RuleSet(rules, tuple(suppressed), tuple(decisions), file, text)


def load_rules(project_file: Path | None = None) -> RuleSet:
    """The library's rules, plus the project's file when given (added, suppressed, decided)."""
    library = load_library()
    base = _library_rules()
    if project_file is None:
        return RuleSet(base)
    return _project(_read(project_file), str(project_file), library, base)


def default_project_file(root: Path) -> Path | None:
    """``threats.yaml`` beside sai.yaml, when it exists."""
    path = root / PROJECT_FILE
    return path if path.is_file() else None


__all__ = [
    "PROJECT_FILE",
    "TREATMENTS",
    "Decision",
    "RuleSet",
    "Suppression",
    "default_project_file",
    "load_rules",
]
