"""Threats of the three example systems, against the sets written from the rules' logic."""

from __future__ import annotations

from typing import Any

import pytest

from sai.threats.build import build_system
from sai.threats.evaluate import evaluate
from sai.threats.files import load_rules
from tests.threats._systems import BATCH, EXPECTED, RAG_AGENT, demo, manifest

SYSTEMS: dict[str, Any] = {"demo": demo(), "rag-agent": RAG_AGENT, "batch": BATCH}


def _threats(data: dict[str, Any]) -> set[str]:
    system = build_system(manifest(data))
    return {t.id for t in evaluate(system, load_rules().rules)}


@pytest.mark.parametrize("name", sorted(SYSTEMS))
def test_expected_threats(name: str) -> None:
    assert _threats(SYSTEMS[name]) == EXPECTED[name]


def test_no_retrieval_or_tool_threats_without_retrieval_or_tools() -> None:
    rules = {t.split(":")[0] for t in _threats(demo())}
    assert rules.isdisjoint({"SAI-T002", "SAI-T003", "SAI-T007", "SAI-T011", "SAI-T012"})


def test_no_llm_threats_for_a_tabular_batch_model() -> None:
    rules = {t.split(":")[0] for t in _threats(BATCH)}
    injection = {"SAI-T001", "SAI-T002", "SAI-T003", "SAI-T004", "SAI-T005", "SAI-T012"}
    assert rules.isdisjoint(injection)
