from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sai.guards.injection import Detector, InjectionGuard, load_detector


@pytest.fixture(scope="session")
def fast_detector() -> Detector:
    return load_detector()


@pytest.fixture(scope="session")
def injection_scanner(fast_detector: Detector) -> InjectionGuard:
    return InjectionGuard(detector=fast_detector)


@pytest.fixture(scope="module")
def training_on_path() -> Iterator[None]:
    """``training/`` importable for one module's tests (its generators are plain scripts)."""
    training = str(Path(__file__).resolve().parents[2] / "training")
    sys.path.insert(0, training)
    yield
    sys.path.remove(training)
