"""Attacks on classic models: membership inference, extraction, evasion. The registry names
every one."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.redteam.attacks.base import Attack, AttackOutcome, ClassicData
from sai.redteam.attacks.evasion import Evasion
from sai.redteam.attacks.extraction import ModelExtraction
from sai.redteam.attacks.membership import MembershipInference
from sai.redteam.errors import AttackError

ATTACKS: Mapping[str, type[Attack]] = MappingProxyType(
    {cls.name: cls for cls in (MembershipInference, ModelExtraction, Evasion)}
)


def select_attacks(spec: str) -> tuple[str, ...]:
    """``all`` or comma-separated attack names."""
    names = [n.strip() for n in spec.split(",")]
    if names == ["all"]:
        return tuple(ATTACKS)
    unknown = [n for n in names if n not in ATTACKS]
    if unknown:
        raise AttackError(
            f"unknown attack(s): {', '.join(unknown)}",
            hint=f"use all, or some of: {', '.join(ATTACKS)}",
        )
    return tuple(dict.fromkeys(names))


__all__ = ["ATTACKS", "Attack", "AttackOutcome", "ClassicData", "select_attacks"]
