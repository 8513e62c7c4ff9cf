"""Cross-field checks of the datasets' sensitivity and audience, on the raw YAML data.

A class that contradicts ``confidential: true``, an audience role the gateway does not
define, and personal data trained into a model with nobody named to reach it are reported
at their exact line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from sai.manifest._finding import Finding

_OPEN = ("public", "internal")
_RESTRICTED = ("confidential", "personal", "special-category")
_DEFAULT_ROLES = ("admin", "user", "reviewer", "auditor", "owner")


def _gateway_roles(data: dict[str, Any]) -> list[str]:
    gateway = data.get("gateway")
    roles = gateway.get("roles") if isinstance(gateway, dict) else None
    if isinstance(roles, dict):
        return [name for name in roles if isinstance(name, str)]
    return list(_DEFAULT_ROLES)


def _trained(data: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    models = data.get("models")
    for model in models if isinstance(models, list) else []:
        if isinstance(model, dict) and isinstance(model.get("trained_on"), list):
            names.update(n for n in model["trained_on"] if isinstance(n, str))
    return names


def dataset_findings(data: dict[str, Any]) -> Iterator[Finding]:
    """Sensitivity and audience problems of every dataset."""
    datasets = data.get("datasets")
    if not isinstance(datasets, list):
        return
    roles, trained = _gateway_roles(data), _trained(data)
    for index, item in enumerate(datasets):
        if not isinstance(item, dict):
            continue
        sensitivity = item.get("sensitivity")
        if item.get("confidential") is True and sensitivity in _OPEN:
            yield Finding(
                ("datasets", index, "sensitivity"),
                f"sensitivity '{sensitivity}' contradicts `confidential: true`",
                "choose confidential, personal or special-category, or drop `confidential`",
            )
        audience = item.get("audience")
        if isinstance(audience, list):
            for position, role in enumerate(audience):
                if isinstance(role, str) and role not in roles:
                    close = difflib.get_close_matches(role, roles, n=1, cutoff=0.6)
                    yield Finding(
                        ("datasets", index, "audience", position),
                        f"audience role '{role}' is not a gateway role",
                        f"did you mean '{close[0]}'?"
                        if close
                        else f"define it under gateway.roles (now: {', '.join(roles)})",
                    )
            if audience and sensitivity in _OPEN:
                yield Finding(
                    ("datasets", index, "audience"),
                    f"an audience limits nothing for {sensitivity} data",
                    "remove it, or raise the sensitivity",
                    severity="warning",
                )
        if sensitivity in _RESTRICTED[1:] and not audience and item.get("name") in trained:
            yield Finding(
                ("datasets", index),
                f"{sensitivity} data trains a model, but no `audience` says who may reach it",
                "list the gateway roles allowed to use models trained on it (5.1.2-5)",
                severity="warning",
            )


__all__ = ["dataset_findings"]
