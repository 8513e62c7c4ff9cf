"""Prompt-injection and jailbreak detection: a fast n-gram tier and a semantic MiniLM tier."""

from sai.guards.injection._detector import Detector, Finding
from sai.guards.injection.artifacts import (
    ARTIFACTS_DIR,
    DetectorFiles,
    artifact_digests,
    detector_files,
    load_artifacts,
    verify_artifacts,
)
from sai.guards.injection.embedding import embed_texts
from sai.guards.injection.guard import InjectionGuard
from sai.guards.injection.loader import TierName, load_detector
from sai.guards.injection.semantic import semantic_available

__all__ = [
    "ARTIFACTS_DIR",
    "Detector",
    "DetectorFiles",
    "Finding",
    "InjectionGuard",
    "TierName",
    "artifact_digests",
    "detector_files",
    "embed_texts",
    "load_artifacts",
    "load_detector",
    "semantic_available",
    "verify_artifacts",
]
