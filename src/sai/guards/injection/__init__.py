"""Prompt-injection and jailbreak detection: a fast n-gram tier and a semantic MiniLM tier for
instructions, and a document detector for instructions planted in data (indirect injection)."""

from sai.guards.injection._detector import Detector, Finding
from sai.guards.injection.artifacts import (
    ARTIFACTS_DIR,
    DetectorFiles,
    artifact_digests,
    detector_files,
    load_artifacts,
    verify_artifacts,
)
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.embedding import embed_texts
from sai.guards.injection.guard import InjectionGuard
from sai.guards.injection.loader import TierName, load_detector, load_document_detector
from sai.guards.injection.parts import find_documents
from sai.guards.injection.semantic import semantic_available

__all__ = [
    "ARTIFACTS_DIR",
    "Detector",
    "DetectorFiles",
    "DocumentDetector",
    "Finding",
    "InjectionGuard",
    "TierName",
    "artifact_digests",
    "detector_files",
    "embed_texts",
    "find_documents",
    "load_artifacts",
    "load_detector",
    "load_document_detector",
    "semantic_available",
    "verify_artifacts",
]
