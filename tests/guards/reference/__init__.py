"""The guards' code as it was before the speed work (commit cfaa9b7; ``guard.py`` as on main
when the work was rebased, with its two-sentence rule), verbatim.

The scores the shipped detectors compute must not change when their code is made faster:
``tests/guards/test_reference_scores.py`` scores the same texts with this copy and with
``sai.guards.injection`` over the same artefacts and requires equal results (1e-9). Keep this
copy as it is: plain and slow is the point. Only the imports differ from the originals.
"""

from __future__ import annotations

from sai.guards.injection import Detector as LiveDetector
from sai.guards.injection import DocumentDetector as LiveDocumentDetector
from sai.guards.injection import InjectionGuard as LiveGuard
from sai.guards.injection.fast import FastTier as LiveFastTier
from tests.guards.reference._detector import Detector
from tests.guards.reference.document import DocumentDetector
from tests.guards.reference.fast import FastTier
from tests.guards.reference.guard import InjectionGuard


def fast_tier(live: LiveFastTier) -> FastTier:
    """The reference fast tier over the live tier's weights."""
    return FastTier(spec=live.spec, weights=live.weights, bias=live.bias, idf=live.idf)


def detector(live: LiveDetector) -> Detector:
    """The reference instruction detector over the live one's (fast) tier and calibration."""
    tiers = tuple(fast_tier(tier) for tier in live.tiers if isinstance(tier, LiveFastTier))
    assert len(tiers) == len(live.tiers), "the reference covers the fast tier only"
    return Detector(
        name=live.name,
        tiers=tiers,
        weights=live.weights,
        intercept=live.intercept,
        threshold=live.threshold,
        penalty=live.penalty,
        bridges=live.bridges,
    )


def document_detector(live: LiveDocumentDetector) -> DocumentDetector:
    """The reference document detector over the live one's arrays."""
    return DocumentDetector(
        direct=fast_tier(live.direct),
        weights=live.weights,
        dense=live.dense,
        bias=live.bias,
        calibration=live.calibration,
        threshold=live.threshold,
        long_threshold=live.long_threshold,
    )


def guard(live: LiveGuard) -> InjectionGuard:
    """The reference injection guard with the live guard's settings and detectors."""
    documents = document_detector(live.documents) if live.documents is not None else None
    return InjectionGuard(live.settings, detector=detector(live.detector), documents=documents)
