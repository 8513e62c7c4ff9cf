"""Threats of the three example systems, with the expected sets written from the rules' logic."""

from __future__ import annotations

from sai.threats.build import build_system
from sai.threats.evaluate import evaluate
from sai.threats.files import load_rules
from tests.threats._systems import BATCH, RAG_AGENT, demo, manifest

_LLM_ROUTE = ("SAI-T001", "SAI-T004", "SAI-T005", "SAI-T006", "SAI-T019", "SAI-T024")
_ROUTES = ("reviewer-assistant@1", "reviewer-assistant@2-preview", "reviewer-assistant@0-legacy")


def _threats(data: dict[str, object]) -> set[str]:
    system = build_system(manifest(data))  # type: ignore[arg-type]
    return {t.id for t in evaluate(system, load_rules().rules)}


class TestDemoSystem:
    def test_expected_threats(self) -> None:
        # The joblib scorer is in-house, trained on private data, served by the gateway's
        # predict route: a pickle-family file, privacy attacks through queries, extraction,
        # evasion (not an LLM), floods. Each gateway model route is an external LLM with the
        # system prompt: injection, jailbreak, prompt extraction, disclosure, output handling,
        # floods. The prompt can be tampered with; dependencies can be compromised.
        expected = {
            *(
                f"{r}:credit-risk-model"
                for r in ("SAI-T014", "SAI-T015", "SAI-T016", "SAI-T017", "SAI-T018", "SAI-T019")
            ),
            *(f"{r}:{route}" for r in _LLM_ROUTE for route in _ROUTES),
            "SAI-T026:reviewer-assistant-prompt",
            "SAI-T020:credit-risk-demo",
        }
        assert _threats(demo()) == expected

    def test_no_retrieval_or_tool_threats(self) -> None:
        rules = {t.split(":")[0] for t in _threats(demo())}
        assert rules.isdisjoint({"SAI-T002", "SAI-T003", "SAI-T007", "SAI-T011", "SAI-T012"})


class TestRagAgent:
    def test_expected_threats(self) -> None:
        # An external LLM behind an API (no gateway): the LLM threats, an unused image input,
        # requests not logged; its provider; untrusted documents (injection, poisoning); two
        # tools reaching confidential customer records (agency, exfiltration), and e-mail
        # bringing outside content in.
        expected = {
            *(
                f"{r}:assistant"
                for r in (
                    "SAI-T001",
                    "SAI-T004",
                    "SAI-T005",
                    "SAI-T006",
                    "SAI-T019",
                    "SAI-T022",
                    "SAI-T023",
                    "SAI-T024",
                )
            ),
            "SAI-T021:llm.example.com",
            "SAI-T002:contract-docs",
            "SAI-T012:contract-docs",
            "SAI-T003:send-email",
            "SAI-T007:send-email",
            "SAI-T008:send-email",
            "SAI-T007:crm-lookup",
            "SAI-T008:crm-lookup",
            "SAI-T026:assistant-prompt",
            "SAI-T020:contract-assistant",
        }
        assert _threats(RAG_AGENT) == expected


class TestBatchTabular:
    def test_expected_threats(self) -> None:
        # A confidential in-house ONNX scorer run offline: its file, evasion, no audit log,
        # weight theft; poisoning only through the dataset fetched from outside.
        expected = {
            "SAI-T014:scorer",
            "SAI-T018:scorer",
            "SAI-T023:scorer",
            "SAI-T025:scorer",
            "SAI-T009:fraud-patterns",
            "SAI-T020:fraud-batch",
        }
        assert _threats(BATCH) == expected

    def test_no_llm_threats(self) -> None:
        rules = {t.split(":")[0] for t in _threats(BATCH)}
        injection = {"SAI-T001", "SAI-T002", "SAI-T003", "SAI-T004", "SAI-T005", "SAI-T012"}
        assert rules.isdisjoint(injection)
