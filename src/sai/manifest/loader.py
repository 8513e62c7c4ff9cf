"""Load `sai.yaml` into a `Manifest`, reporting every problem with its line and column.

One pass collects all problems: unreadable bytes, YAML syntax, duplicate keys, schema errors
(wrong types, unknown or missing keys) and reference errors (unknown datasets, missing files).
Nothing here raises anything but `ManifestError` for a bad file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pydantic

from sai.manifest._finding import Finding, field_path
from sai.manifest._messages import describe, findings_from_errors
from sai.manifest._semantic import check_references
from sai.manifest._yaml_positions import YamlSyntaxError, locate, parse_yaml
from sai.manifest.problems import ManifestError, Problem, Severity, sort_problems
from sai.manifest.schema import Manifest

#: Largest manifest read, in bytes; a larger file is refused unread.
MAX_MANIFEST_BYTES = 1 << 20
#: Most problems reported for one file; the rest are counted in a last problem.
MAX_PROBLEMS = 200

_INIT_HINT = "run `sai init` to write a commented starter manifest"


@dataclass(frozen=True)
class LoadedManifest:
    """A valid manifest, the absolute path it came from, and its directory ``root``."""

    manifest: Manifest
    path: Path
    root: Path
    warnings: tuple[Problem, ...] = ()

    def resolve(self, relpath: str | Path) -> Path:
        """The absolute path of a path written in the manifest (relative to ``root``)."""
        return self.root / relpath


def _file_problem(file: str, message: str, hint: str | None = None) -> Problem:
    return Problem(file, None, None, "", message, hint)


def _read(path: Path, file: str) -> bytes | Problem:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        return _file_problem(file, "file not found", _INIT_HINT)
    except IsADirectoryError:
        return _file_problem(file, "is a directory, not a file", "give the path of sai.yaml")
    except OSError as error:
        return _file_problem(file, f"cannot read the file: {error.strerror or error}")
    return data


def _decode(data: bytes, file: str) -> str | Problem:
    if len(data) > MAX_MANIFEST_BYTES:
        return _file_problem(
            file,
            f"the file is larger than {MAX_MANIFEST_BYTES} bytes; refusing to read it",
            "a manifest lists paths to files; it should not contain them",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return Problem(
            file,
            line,
            column,
            "",
            f"byte 0x{data[error.start]:02x} at offset {error.start} is not valid UTF-8",
            "save the file as UTF-8",
        )
    return text.removeprefix("\ufeff")


def _place(file: str, parsed_root: object, finding: Finding) -> Problem:
    import yaml

    root = parsed_root if isinstance(parsed_root, yaml.Node) else None
    line, column = locate(root, finding.loc, key=finding.target == "key")
    return Problem(
        file, line, column, field_path(finding.loc), finding.message, finding.hint, finding.severity
    )


def _limit(problems: tuple[Problem, ...], file: str) -> tuple[Problem, ...]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    hidden = len(problems) - MAX_PROBLEMS
    rest = _file_problem(file, f"{hidden} more problems not shown", "fix the ones above first")
    return (*problems[:MAX_PROBLEMS], rest)


def _check_text(
    text: str, file: str, root: Path, missing: Severity = "error"
) -> tuple[Manifest | None, tuple[Problem, ...]]:
    if not text.strip():
        return None, (Problem(file, 1, 1, "", "the manifest is empty", _INIT_HINT),)
    try:
        parsed = parse_yaml(text)
    except YamlSyntaxError as error:
        problem = Problem(file, error.line, error.column, "", f"YAML syntax: {error.message}")
        return None, (problem,)
    if parsed.root is None:
        return None, (Problem(file, 1, 1, "", "the manifest holds only comments", _INIT_HINT),)
    if not isinstance(parsed.data, dict):
        line, column = locate(parsed.root, ())
        message = (
            "the manifest must be a mapping of keys (version, name, ...), "
            f"got {describe(parsed.data)}"
        )
        return None, (Problem(file, line, column, "", message, _INIT_HINT),)
    problems = [
        Problem(
            file,
            dup.line,
            dup.column,
            field_path(dup.loc),
            f"duplicate key '{dup.loc[-1]}' (first given on line {dup.first_line})",
            "keep one of them: YAML readers silently use the last",
        )
        for dup in parsed.duplicates
    ]
    findings: list[Finding] = []
    manifest: Manifest | None = None
    try:
        manifest = Manifest.model_validate(parsed.data)
    except pydantic.ValidationError as error:
        findings.extend(findings_from_errors(error.errors(include_url=False)))
    reported = {(f.loc, f.message) for f in findings}
    findings.extend(
        f
        for f in check_references(parsed.data, root, missing)
        if (f.loc, f.message) not in reported
    )
    problems.extend(_place(file, parsed.root, f) for f in findings)
    if any(p.is_error for p in problems):
        manifest = None
    return manifest, _limit(sort_problems(problems), file)


def _check_bytes(
    data: bytes, file: str, root: Path, missing: Severity = "error"
) -> tuple[Manifest | None, tuple[Problem, ...]]:
    text = _decode(data, file)
    if isinstance(text, Problem):
        return None, (text,)
    return _check_text(text, file, root, missing)


def _result(
    manifest: Manifest | None, problems: Iterable[Problem], path: Path, file: str
) -> LoadedManifest:
    problems = tuple(problems)
    if manifest is None:
        raise ManifestError(file, problems)
    absolute = path.absolute()
    return LoadedManifest(manifest, absolute, absolute.parent, problems)


def load_manifest(path: Path, *, missing_files: Severity = "error") -> LoadedManifest:
    """Read and validate the manifest at ``path``; raise `ManifestError` listing every error.

    ``missing_files="warning"`` accepts declared files that do not exist (they are listed in
    ``warnings``): the commands that record missing assets and restore them need that.
    """
    file = str(path)
    data = _read(path, file)
    if isinstance(data, Problem):
        raise ManifestError(file, (data,))
    manifest, problems = _check_bytes(data, file, path.absolute().parent, missing_files)
    return _result(manifest, problems, path, file)


def load_manifest_bytes(
    data: bytes, *, path: Path, missing_files: Severity = "error"
) -> LoadedManifest:
    """Validate ``data`` as if it were the file at ``path`` (files resolve beside ``path``)."""
    file = str(path)
    manifest, problems = _check_bytes(data, file, path.absolute().parent, missing_files)
    return _result(manifest, problems, path, file)


def validate_manifest(path: Path) -> tuple[Problem, ...]:
    """Every problem of the manifest at ``path`` (errors and warnings); empty when it is clean."""
    file = str(path)
    data = _read(path, file)
    if isinstance(data, Problem):
        return (data,)
    return _check_bytes(data, file, path.absolute().parent)[1]
