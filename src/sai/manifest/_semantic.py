"""Checks that span fields or touch the file system, run on the raw YAML data.

They read the data defensively (any part may have the wrong shape, which the schema reports
separately), so that one load reports schema errors and reference errors together.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sai.catalog import UnknownProvisionError, load_catalog
from sai.manifest._datasets import dataset_findings
from sai.manifest._finding import Finding, Loc
from sai.manifest._paths import path_findings
from sai.manifest._raw import items_of
from sai.manifest._semantic_threats import check_threat_sections
from sai.manifest._semantic_warnings import warning_findings
from sai.manifest._types import (
    ONE_OF_PATH_ENDPOINT,
    ONE_OF_URL_DESCRIPTION,
    PROVISION_PATTERN,
    is_valid_path,
)
from sai.manifest.guard_policy import guard_policy_problems
from sai.manifest.problems import Severity
from sai.manifest.redteam_spec import redteam_references

SECTIONS = ("models", "datasets", "prompts", "configs")


def _duplicate_roles(data: dict[str, Any]) -> Iterator[Finding]:
    roles = data.get("roles")
    if not isinstance(roles, list):
        return
    seen: set[str] = set()
    for index, role in enumerate(roles):
        if isinstance(role, str):
            if role in seen:
                yield Finding(("roles", index), f"role '{role}' is listed twice", "remove it")
            seen.add(role)


def _duplicate_names(data: dict[str, Any]) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for section in SECTIONS:
        for index, item in items_of(data, section):
            name = item.get("name")
            if not isinstance(name, str):
                continue
            if name in first:
                yield Finding(
                    (section, index, "name"),
                    f"duplicate name '{name}': {first[name]} already uses it",
                    "names must be unique across models, datasets, prompts and configs",
                )
            else:
                first[name] = f"{section}[{index}]"


def _unknown_datasets(data: dict[str, Any]) -> Iterator[Finding]:
    known = [
        item["name"] for _, item in items_of(data, "datasets") if isinstance(item.get("name"), str)
    ]
    gone = {
        item["name"]
        for _, item in items_of(data, "disposed")
        if item.get("kind") == "dataset" and isinstance(item.get("name"), str)
    }
    for index, model in items_of(data, "models"):
        trained_on = model.get("trained_on")
        if not isinstance(trained_on, list):
            continue
        seen: set[str] = set()
        for position, name in enumerate(trained_on):
            if not isinstance(name, str):
                continue
            loc: Loc = ("models", index, "trained_on", position)
            if name in seen:
                yield Finding(loc, f"dataset '{name}' is listed twice", "remove it")
            elif name in gone and name not in known:
                yield Finding(
                    loc,
                    f"dataset '{name}' was disposed of (see `disposed:`)",
                    "remove it from trained_on; the disposed entry lists the models trained on it",
                )
            elif name not in known:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "add it under `datasets:`"
                yield Finding(loc, f"unknown dataset '{name}'", hint)
            seen.add(name)


def _one_of(data: dict[str, Any]) -> Iterator[Finding]:
    """Models take a path or an endpoint, sources a url or a description.

    The schema checks the same, but only once every field of the item is valid; here it is
    reported together with the item's other errors.
    """
    for index, model in items_of(data, "models"):
        if ("path" in model) == ("endpoint" in model):
            yield Finding(("models", index), ONE_OF_PATH_ENDPOINT[0], ONE_OF_PATH_ENDPOINT[1])
    for index, dataset in items_of(data, "datasets"):
        for position, source in items_of(dataset, "sources"):
            if "url" not in source and "description" not in source:
                yield Finding(("datasets", index, "sources", position), *ONE_OF_URL_DESCRIPTION)


def _missing_files(data: dict[str, Any], root: Path, missing: Severity) -> Iterator[Finding]:
    for section in SECTIONS:
        for index, item in items_of(data, section):
            text = item.get("path")
            if isinstance(text, str) and is_valid_path(text):
                yield from path_findings(root, (section, index, "path"), text, section, missing)


def _exclusions(data: dict[str, Any]) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, item in items_of(data, "exclusions"):
        provision = item.get("provision")
        if isinstance(provision, str) and PROVISION_PATTERN.fullmatch(provision):
            try:
                load_catalog().get(provision)
            except UnknownProvisionError as error:
                yield Finding(("exclusions", index, "provision"), error.message, error.hint)
            if provision in seen:
                yield Finding(
                    ("exclusions", index, "provision"),
                    f"provision {provision} is excluded twice",
                    "keep one exclusion per provision and merge the justifications",
                )
            seen.add(provision)


def _guard_policy(data: dict[str, Any]) -> Iterator[Finding]:
    """Guard changes for roles the gateway lacks, a canary nothing checks (once both sections
    are valid; their own errors come from the schema)."""
    import pydantic

    from sai.manifest.schema import GatewaySpec, GuardsSpec

    try:
        guards = GuardsSpec.model_validate(data.get("guards") or {})
        gateway = GatewaySpec.model_validate(data.get("gateway") or {})
    except pydantic.ValidationError:
        return
    for problem in guard_policy_problems(guards, gateway):
        yield Finding(problem.loc, problem.message, problem.hint, problem.severity, problem.target)


def _justifications(data: dict[str, Any]) -> Iterator[Finding]:
    documents = data.get("documents")
    if not isinstance(documents, dict) or not isinstance(documents.get("justifications"), list):
        return
    known = [
        item["name"]
        for key in ("models", "datasets")
        for _, item in items_of(data, key)
        if isinstance(item.get("name"), str)
    ]
    for index, item in enumerate(documents["justifications"]):
        name = item.get("component") if isinstance(item, dict) else None
        if isinstance(name, str) and name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "name a model or dataset"
            loc: Loc = ("documents", "justifications", index, "component")
            yield Finding(loc, f"unknown component '{name}'", hint)


def check_references(data: object, root: Path, missing: Severity = "error") -> list[Finding]:
    """Cross-field and file-system findings for the raw data of a manifest in ``root``.

    ``missing`` is the severity of a declared file that does not exist: a warning for the
    commands that record and repair missing assets (inventory scan, verify, restore).
    """
    if not isinstance(data, dict):
        return []
    return [
        *_duplicate_roles(data),
        *_duplicate_names(data),
        *_unknown_datasets(data),
        *_one_of(data),
        *_missing_files(data, root, missing),
        *_exclusions(data),
        *warning_findings(data),
        *_guard_policy(data),
        *check_threat_sections(data, root),
        *redteam_references(data),
        *dataset_findings(data),
        *_justifications(data),
    ]
