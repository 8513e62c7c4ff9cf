"""The prompt-injection / jailbreak scanner over a calibrated detector tier."""

from __future__ import annotations

from typing import ClassVar

from sai.guards.base import (
    Direction,
    Guard,
    GuardContext,
    GuardId,
    GuardResult,
    GuardSettings,
    OnMatch,
    SharedResources,
    Span,
)
from sai.guards.errors import GuardConfigError
from sai.guards.injection._detector import Detector
from sai.guards.injection.loader import TierName, load_detector


class InjectionGuard(Guard):
    """Flags prompt injections and jailbreaks; ``tier`` option: fast, semantic or combined.

    The score is the detector's calibrated probability; the default threshold is the one that
    kept the out-of-fold false-positive rate at or below 1.5% on the validation split.
    """

    name: ClassVar[GuardId] = GuardId("injection")
    directions: ClassVar[frozenset[Direction]] = frozenset({Direction.input})
    can_redact: ClassVar[bool] = False
    default_action: ClassVar[OnMatch] = OnMatch.block

    def __init__(
        self, settings: GuardSettings | None = None, *, detector: Detector | None = None
    ) -> None:
        super().__init__(settings)
        if detector is None:
            raw = self.settings.option("tier", TierName.fast.value)
            try:
                tier = TierName(raw)
            except ValueError:
                choices = ", ".join(t.value for t in TierName)
                raise GuardConfigError(
                    f"guards.injection.tier: {raw!r} is not a tier", hint=f"use one of {choices}"
                ) from None
            detector = load_detector(tier)
        self.detector = detector

    @classmethod
    def build(cls, settings: GuardSettings | None, shared: SharedResources) -> Guard:
        """Scanners of one tier share its loaded detector (~0.5 s and its memory each)."""
        tier = (settings or GuardSettings()).option("tier", TierName.fast.value)
        key = ("injection-detector", tier)
        found = shared.get(key)
        scanner = cls(settings, detector=found if isinstance(found, Detector) else None)
        shared[key] = scanner.detector
        return scanner

    @property
    def threshold(self) -> float:
        """The configured threshold, else the detector's validated default."""
        if self.settings.threshold is not None:
            return self.settings.threshold
        return self.detector.threshold

    def scan(self, text: str, context: GuardContext) -> GuardResult:
        """Score the text's windows and evasion views; report the strongest."""
        finding = self.detector.score(text)
        where = f"characters {finding.start}-{finding.end}" if finding.windows > 1 else "the text"
        how = "" if finding.view == "plain" else f" after undoing {finding.view}"
        reason = (
            f"{self.detector.name} injection detector: p={finding.probability:.3f} "
            f"(threshold {self.threshold:.3f}) in {where}{how}"
        )
        span = Span(finding.start, finding.end, "injection")
        return self.verdict(text, finding.probability, [span], reason)


__all__ = ["InjectionGuard"]
