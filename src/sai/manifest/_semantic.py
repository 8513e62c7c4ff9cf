"""Checks that span fields or touch the file system, run on the raw YAML data.

They read the data defensively (any part may have the wrong shape, which the schema reports
separately), so that one load reports schema errors and reference errors together.
"""

from __future__ import annotations

import difflib
import ipaddress
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sai.catalog import UnknownProvisionError, load_catalog
from sai.manifest._datasets import dataset_findings
from sai.manifest._finding import Finding, Loc
from sai.manifest._paths import path_findings
from sai.manifest._semantic_threats import check_threat_sections
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
_EVERY_INTERFACE = ("0.0.0.0", "::", "[::]", "")  # noqa: S104 - detected, not bound


def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


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
        for index, item in _items(data, section):
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
        item["name"] for _, item in _items(data, "datasets") if isinstance(item.get("name"), str)
    ]
    gone = {
        item["name"]
        for _, item in _items(data, "disposed")
        if item.get("kind") == "dataset" and isinstance(item.get("name"), str)
    }
    for index, model in _items(data, "models"):
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
    for index, model in _items(data, "models"):
        if ("path" in model) == ("endpoint" in model):
            yield Finding(("models", index), ONE_OF_PATH_ENDPOINT[0], ONE_OF_PATH_ENDPOINT[1])
    for index, dataset in _items(data, "datasets"):
        for position, source in _items(dataset, "sources"):
            if "url" not in source and "description" not in source:
                yield Finding(("datasets", index, "sources", position), *ONE_OF_URL_DESCRIPTION)


def _missing_files(data: dict[str, Any], root: Path, missing: Severity) -> Iterator[Finding]:
    for section in SECTIONS:
        for index, item in _items(data, section):
            text = item.get("path")
            if isinstance(text, str) and is_valid_path(text):
                yield from path_findings(root, (section, index, "path"), text, section, missing)


def _exclusions(data: dict[str, Any]) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, item in _items(data, "exclusions"):
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


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _exposure_warnings(data: dict[str, Any]) -> Iterator[Finding]:
    gateway = data.get("gateway")
    if isinstance(gateway, dict) and gateway.get("host") in _EVERY_INTERFACE:
        yield Finding(
            ("gateway", "host"),
            "the gateway listens on every network interface",
            "keep 127.0.0.1 behind a TLS proxy, or make sure a firewall limits who connects",
            severity="warning",
        )
    upstream = data.get("upstream")
    if not isinstance(upstream, dict) or not isinstance(upstream.get("base_url"), str):
        return
    try:
        parts = urlsplit(upstream["base_url"])
        host = parts.hostname or ""
    except ValueError:
        return
    if parts.scheme == "http" and upstream.get("api_key_env") and not _is_loopback(host):
        yield Finding(
            ("upstream", "base_url"),
            "the API key would be sent unencrypted over http://",
            "use the https:// address of the upstream API",
            severity="warning",
        )


def _provenance_warnings(data: dict[str, Any]) -> Iterator[Finding]:
    for index, dataset in _items(data, "datasets"):
        for position, source in _items(dataset, "sources"):
            if source.get("url") is not None and source.get("retrieved") is None:
                yield Finding(
                    ("datasets", index, "sources", position),
                    "no 'retrieved' date for this source",
                    "provision 5.2.4-2.1 asks when the data was obtained; add `retrieved:`",
                    severity="warning",
                )


_EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")


def _is_example(contact: object) -> bool:
    if not isinstance(contact, str):
        return False
    domain = contact.rsplit("@", 1)[-1] if "@" in contact else urlsplit(contact).hostname or ""
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in _EXAMPLE_DOMAINS)


def _placeholder_warnings(data: dict[str, Any]) -> Iterator[Finding]:
    people = data.get("people")
    if not isinstance(people, dict):
        return
    if _is_example(people.get("security_contact")):
        yield Finding(
            ("people", "security_contact"),
            "the security contact is an example address",
            "give the address where your organisation accepts vulnerability reports",
            severity="warning",
        )
    for index, owner in _items(people, "owners"):
        if _is_example(owner.get("email")):
            yield Finding(
                ("people", "owners", index, "email"),
                "the owner's e-mail is an example address",
                "give a real address, or remove `email:`",
                severity="warning",
            )


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
        for _, item in _items(data, key)
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
        *_exposure_warnings(data),
        *_provenance_warnings(data),
        *_placeholder_warnings(data),
        *_guard_policy(data),
        *check_threat_sections(data, root),
        *redteam_references(data),
        *dataset_findings(data),
        *_justifications(data),
    ]
