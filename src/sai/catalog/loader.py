"""Load the catalog: read the packaged YAML, validate every entry and their consistency.

`load_catalog()` is what callers use; it is cached because its result is immutable.
`parse_catalog()` and `load_catalog_file()` exist so that a changed or alternative data file
can be checked with the same rules (and so tests can feed broken files).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sai.catalog import _parse
from sai.catalog._parse import Located
from sai.catalog.errors import CatalogDataError
from sai.catalog.model import Catalog, Principle, Provision, ProvisionId

#: The packaged data file, relative to the `sai.catalog` package.
DATA_FILE = "data/en304223.yaml"
TOP_KEYS = frozenset({"standard", "version", "principles", "provisions"})
#: libyaml's safe loader when available (several times faster), else the pure-Python one.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def load_catalog() -> Catalog:
    """The catalog of ETSI EN 304 223 shipped with sai, validated (cached after first call)."""
    source = resources.files("sai.catalog").joinpath(DATA_FILE)
    return parse_catalog(source.read_text(encoding="utf-8"), source=f"sai.catalog/{DATA_FILE}")


def load_catalog_file(path: Path) -> Catalog:
    """Load and validate a catalog data file from ``path`` (same rules as the packaged one)."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogDataError(
            f"cannot read catalog file {path}: {error}", hint="check the path and that it is UTF-8"
        ) from error
    return parse_catalog(content, source=str(path))


def parse_catalog(content: str, *, source: str = "<catalog>") -> Catalog:
    """Parse catalog YAML text into a validated `Catalog`; `CatalogDataError` names the spot."""
    raw = _read_yaml(content, source)
    top = Located(source, "top level")
    _parse.check_keys(raw, TOP_KEYS, TOP_KEYS, top)
    standard = _parse.text(raw, "standard", top)
    version = _parse.text(raw, "version", top)
    principles = tuple(
        _parse.parse_principle(entry, Located(source, f"principles[{index}]"))
        for index, entry in enumerate(_entries(raw, "principles", source))
    )
    _check_principles(principles, source)
    provisions = tuple(
        _parse.parse_provision(entry, Located(source, f"provisions[{index}]{_label(entry)}"))
        for index, entry in enumerate(_entries(raw, "provisions", source))
    )
    _check_provisions(provisions, principles, source)
    return Catalog(standard=standard, version=version, principles=principles, provisions=provisions)


def _read_yaml(content: str, source: str) -> Any:
    try:
        return yaml.load(content, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CatalogDataError(
            f"{source}: not valid YAML{where}: {getattr(error, 'problem', None) or error}",
            hint="fix the YAML syntax (indentation, quotes, colons)",
        ) from error


def _entries(raw: dict[str, Any], field: str, source: str) -> list[Any]:
    value = raw[field]
    if not isinstance(value, list) or not value:
        raise CatalogDataError(
            f"{source}: top level: field {field!r} must be a non-empty list",
            hint=f"list the {field} under `{field}:`",
        )
    return value


def _label(entry: Any) -> str:
    """`` (5.1.3-1.1)`` when the entry carries a readable id, for error messages."""
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f" ({entry['id']})"
    return ""


def _check_principles(principles: tuple[Principle, ...], source: str) -> None:
    """Principles are numbered 1..N in order, with distinct clauses in clause order."""
    for index, principle in enumerate(principles):
        at = Located(source, f"principles[{index}]")
        if principle.number != index + 1:
            raise at.error(
                "number", f"is {principle.number}, expected {index + 1}", "number principles 1..N"
            )
        if index and _clause_key(principle.clause) <= _clause_key(principles[index - 1].clause):
            raise at.error(
                "clause",
                f"{principle.clause} does not follow {principles[index - 1].clause}",
                "list principles in clause order, each clause once",
            )


def _check_provisions(
    provisions: tuple[Provision, ...], principles: tuple[Principle, ...], source: str
) -> None:
    """Ids unique, in the standard's order, consistent with their principle and parent."""
    by_number = {principle.number: principle for principle in principles}
    seen: set[ProvisionId] = set()
    previous: Provision | None = None
    for index, provision in enumerate(provisions):
        at = Located(source, f"provisions[{index}] ({provision.id})")
        if provision.id in seen:
            raise at.error("id", "appears twice", "each provision is listed once")
        principle = by_number.get(provision.principle)
        if principle is None:
            raise at.error(
                "principle", f"{provision.principle} is not a listed principle", "fix it"
            )
        clause, main, sub = _split_id(provision.id)
        if clause != principle.clause:
            raise at.error(
                "principle",
                f"is {principle.number} (clause {principle.clause}) but the id is in {clause}",
                "an id starts with its principle's clause",
            )
        if provision.phase is not principle.phase:
            raise at.error(
                "phase",
                f"is {provision.phase}, principle's is {principle.phase}",
                "make them equal",
            )
        expected_parent = f"{clause}-{main}" if sub is not None else None
        if provision.parent != expected_parent:
            raise at.error(
                "parent",
                f"is {provision.parent!r}, expected {expected_parent!r}",
                "a sub-provision's parent is its id without the last .n; others have null",
            )
        if provision.parent is not None and provision.parent not in seen:
            raise at.error(
                "parent", f"{provision.parent} is not listed before it", "list the parent first"
            )
        if previous is not None and _id_key(provision.id) <= _id_key(previous.id):
            raise at.error(
                "id", f"comes after {previous.id}", "list provisions in the standard's order"
            )
        seen.add(provision.id)
        previous = provision
    empty = sorted(set(by_number) - {provision.principle for provision in provisions})
    if empty:
        raise CatalogDataError(
            f"{source}: principle(s) {', '.join(map(str, empty))} have no provisions",
            hint="every principle of clause 5 has at least one provision",
        )


def _split_id(provision_id: str) -> tuple[str, int, int | None]:
    match = _parse.PROVISION_ID_RE.match(provision_id)
    assert match is not None  # ids were validated by _parse.provision_id
    sub = match.group(3)
    return match.group(1), int(match.group(2)), int(sub) if sub else None


def _clause_key(clause: str) -> tuple[int, ...]:
    return tuple(int(part) for part in clause.split("."))


def _id_key(provision_id: str) -> tuple[int, ...]:
    clause, main, sub = _split_id(provision_id)
    return (*_clause_key(clause), main, sub or 0)


__all__ = ["DATA_FILE", "load_catalog", "load_catalog_file", "parse_catalog"]
