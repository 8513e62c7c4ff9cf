"""Detectors: deterministic judges of answers. The registry names every one."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.redteam.detectors.base import DetectContext, Detector, fold
from sai.redteam.detectors.canary import CanaryDetector
from sai.redteam.detectors.marker import MarkerDetector
from sai.redteam.detectors.pii import PiiDetector
from sai.redteam.detectors.prompt_leak import PromptLeakDetector
from sai.redteam.detectors.refusal import RefusalDetector
from sai.redteam.detectors.replay import ReplayDetector
from sai.redteam.detectors.secret import SecretDetector
from sai.redteam.detectors.tool_call import ToolCallDetector
from sai.redteam.errors import ProbeError

DETECTORS: Mapping[str, type[Detector]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            MarkerDetector,
            CanaryDetector,
            PromptLeakDetector,
            SecretDetector,
            PiiDetector,
            ReplayDetector,
            RefusalDetector,
            ToolCallDetector,
        )
    }
)


def build_detectors() -> dict[str, Detector]:
    """One instance of every registered detector, by name."""
    return {name: cls() for name, cls in DETECTORS.items()}


def detector(name: str) -> type[Detector]:
    """The detector class called ``name``."""
    if name not in DETECTORS:
        raise ProbeError(f"unknown detector {name!r}", hint=f"one of {', '.join(DETECTORS)}")
    return DETECTORS[name]


__all__ = ["DETECTORS", "DetectContext", "Detector", "build_detectors", "detector", "fold"]
