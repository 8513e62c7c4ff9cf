"""The ``redteam:`` section of `sai.yaml`: the release gate and the classic-model attack data.

The gate states what a release may carry: the highest finding severity allowed, ceilings on
attack success and privacy leakage, and how old the latest run may be. ``classic`` names a
local model and two datasets of the manifest, its training rows (members) and held-out rows
(non-members), for membership inference, extraction and evasion.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import BaseModel, Field

from sai.manifest._finding import Finding
from sai.manifest._types import STRICT_MODEL, AssetName, Flag, Identifier, Line, Number

Share = Annotated[Number, Field(ge=0.0, le=1.0)]


class _Strict(BaseModel):
    model_config = STRICT_MODEL


class GateSeverity(enum.StrEnum):
    """The highest finding severity a release may carry (``none``: no finding at all)."""

    none = "none"
    info = "info"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class RedteamGateSpec(_Strict):
    """What `sai redteam gate` and the assessment hold the latest run to."""

    max_severity: GateSeverity = GateSeverity.low
    """Highest severity allowed among the findings."""
    max_injection_success: Share = 0.0
    """Ceiling on the share of injection, jailbreak and smuggling attempts that succeeded."""
    max_membership_advantage: Share = 0.1
    """Ceiling on membership-inference advantage (TPR minus FPR at the best threshold)."""
    max_extraction_agreement: Share = 1.0
    """Ceiling on a surrogate's agreement with the model at the largest query budget."""
    max_evasion_success: Share = 1.0
    """Ceiling on the share of evasion attempts that succeeded within the perturbation limit."""
    max_age_days: Annotated[int, Field(ge=1, le=3650)] = 90
    """Runs older than this are stale."""
    require_independent: Flag = False
    """Whether the run must be made by someone outside ``developers``."""


class ClassicSpec(_Strict):
    """A local model and the data its classic attacks need."""

    model: AssetName
    """A model of ``models`` with a local joblib or pickle file."""
    members: AssetName
    """A dataset of ``datasets`` (CSV) holding rows the model was trained on."""
    non_members: AssetName
    """A dataset of ``datasets`` (CSV) holding rows the model never saw."""
    label: Identifier
    """The label column of both CSV files; every other column is a numeric feature."""


class RedteamSpec(_Strict):
    """Red-team settings: what a run is bound to, who develops, the gate, classic attacks."""

    target_model: AssetName | None = None
    """The model of ``models`` that LLM runs test (binds runs to its digest and version)."""
    prompt: AssetName | None = None
    """The system prompt of ``prompts`` that runs send (default: `--system-prompt`)."""
    developers: list[Line] = []
    """Who develops the system, so a check can tell whether a tester is independent."""
    gate: RedteamGateSpec = RedteamGateSpec()
    """The release gate."""
    classic: list[ClassicSpec] = []
    """Classic models to attack, with member and non-member data."""


def _names(data: dict[str, Any], section: str) -> list[str]:
    items = data.get(section)
    if not isinstance(items, list):
        return []
    return [i["name"] for i in items if isinstance(i, dict) and isinstance(i.get("name"), str)]


def redteam_references(data: dict[str, Any]) -> Iterator[Finding]:
    """Names in ``redteam`` that the manifest does not declare."""
    section = data.get("redteam")
    if not isinstance(section, dict):
        return
    models, datasets, prompts = (_names(data, s) for s in ("models", "datasets", "prompts"))
    for key, known, where in (("target_model", models, "models"), ("prompt", prompts, "prompts")):
        value = section.get(key)
        if isinstance(value, str) and value not in known:
            yield Finding(
                ("redteam", key), f"unknown {where[:-1]} '{value}'", f"declare it under `{where}:`"
            )
    classic = section.get("classic")
    for index, item in enumerate(classic if isinstance(classic, list) else []):
        if not isinstance(item, dict):
            continue
        for key, known, where in (
            ("model", models, "models"),
            ("members", datasets, "datasets"),
            ("non_members", datasets, "datasets"),
        ):
            value = item.get(key)
            if isinstance(value, str) and value not in known:
                yield Finding(
                    ("redteam", "classic", index, key),
                    f"unknown {where[:-1]} '{value}'",
                    f"declare it under `{where}:`",
                )
        if isinstance(item.get("members"), str) and item.get("members") == item.get("non_members"):
            yield Finding(
                ("redteam", "classic", index, "non_members"),
                "members and non_members name the same dataset",
                "non-members must be rows the model never saw (a held-out split)",
            )


__all__ = [
    "ClassicSpec",
    "GateSeverity",
    "RedteamGateSpec",
    "RedteamSpec",
    "redteam_references",
]
