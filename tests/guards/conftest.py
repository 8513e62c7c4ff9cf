from __future__ import annotations

import pytest

from sai.guards.injection import Detector, InjectionGuard, load_detector


@pytest.fixture(scope="session")
def fast_detector() -> Detector:
    return load_detector()


@pytest.fixture(scope="session")
def injection_scanner(fast_detector: Detector) -> InjectionGuard:
    return InjectionGuard(detector=fast_detector)
