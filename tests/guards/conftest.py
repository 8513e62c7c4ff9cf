from __future__ import annotations

import pytest

from sai.guards.injection import Detector, InjectionScanner, load_detector


@pytest.fixture(scope="session")
def fast_detector() -> Detector:
    return load_detector()


@pytest.fixture(scope="session")
def injection_scanner(fast_detector: Detector) -> InjectionScanner:
    return InjectionScanner(detector=fast_detector)
