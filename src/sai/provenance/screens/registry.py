"""The explicit registry of data screens; the contract test walks every entry."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.provenance.errors import ProvenanceError
from sai.provenance.screens.base import Screen
from sai.provenance.screens.class_balance import ClassBalance
from sai.provenance.screens.hidden_instructions import HiddenInstructions
from sai.provenance.screens.label_issues import LabelIssues
from sai.provenance.screens.near_duplicates import NearDuplicates
from sai.provenance.screens.outliers import Outliers
from sai.provenance.screens.personal_data import PersonalData
from sai.provenance.screens.secrets import Secrets
from sai.provenance.screens.trigger_tokens import TriggerTokens

SCREENS: Mapping[str, type[Screen]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            LabelIssues,
            NearDuplicates,
            Outliers,
            ClassBalance,
            TriggerTokens,
            HiddenInstructions,
            Secrets,
            PersonalData,
        )
    }
)


def build_screens(names: list[str] | None = None) -> tuple[Screen, ...]:
    """The named screens (default: all), in registry order; the error lists valid names."""
    wanted = names or list(SCREENS)
    unknown = [n for n in wanted if n not in SCREENS]
    if unknown:
        raise ProvenanceError(
            f"unknown screen {unknown[0]!r}", hint=f"choose from {', '.join(SCREENS)}"
        )
    return tuple(cls() for name, cls in SCREENS.items() if name in wanted)


__all__ = ["SCREENS", "build_screens"]
