"""The three example systems of the threat tests, as sai.yaml data, and their files."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from sai.demo.example import _manifest_text
from sai.manifest import Manifest

_PEOPLE = {"owners": [{"name": "Risk team"}], "security_contact": "security@bank.test"}


def demo() -> dict[str, Any]:
    """The demo's system: a scikit-learn scorer, an LLM assistant behind the gateway."""
    text = _manifest_text("credit-risk-demo", datetime(2026, 1, 1, tzinfo=UTC), 0.9)
    data: dict[str, Any] = yaml.safe_load(text)
    return data


RAG_AGENT: dict[str, Any] = {
    "version": 1,
    "name": "contract-assistant",
    "intended_use": "Answer customers' questions about their contracts.",
    "business_need": "Answer customers' questions about their contracts.",
    "risk_appetite": "medium",
    "roles": ["developer", "system_operator"],
    "models": [
        {
            "name": "assistant",
            "endpoint": "https://llm.example.com/v1",
            "format": "openai-api",
            "source": "https://llm.example.com",
            "modalities": ["text", "image"],
            "used_modalities": ["text"],
        }
    ],
    "datasets": [
        {"name": "customer-records", "path": "data/customers.csv", "confidential": True},
    ],
    "prompts": [{"name": "assistant-prompt", "path": "prompts/system.txt"}],
    "retrieval": [{"name": "contract-docs", "path": "data/contracts/", "untrusted": True}],
    "tools": [
        {
            "name": "send-email",
            "kind": "email",
            "permissions": ["mail:send:*"],
            "reaches": ["customer-records"],
            "approved_by": "Security lead",
        },
        {
            "name": "crm-lookup",
            "kind": "database",
            "permissions": ["crm:read:customers"],
            "reaches": ["customer-records"],
            "approved_by": "Security lead",
            "justification": "Looks up the asking customer's contract number.",
        },
    ],
    "people": _PEOPLE,
}

BATCH: dict[str, Any] = {
    "version": 1,
    "name": "fraud-batch",
    "intended_use": "Score yesterday's card transactions for fraud every night.",
    "roles": ["developer"],
    "models": [
        {
            "name": "scorer",
            "path": "models/scorer.onnx",
            "format": "onnx",
            "source": "trained-in-house",
            "confidential": True,
            "trained_on": ["transactions", "fraud-patterns"],
        }
    ],
    "datasets": [
        {
            "name": "transactions",
            "path": "data/transactions.csv",
            "confidential": True,
            "sources": [{"description": "Export of the card ledger."}],
        },
        {
            "name": "fraud-patterns",
            "path": "data/patterns.csv",
            "sources": [{"url": "hf://datasets/example/fraud-patterns"}],
        },
    ],
    "people": _PEOPLE,
}

_LLM_ROUTE = ("SAI-T001", "SAI-T004", "SAI-T005", "SAI-T006", "SAI-T019", "SAI-T024")
_ROUTES = ("reviewer-assistant@1", "reviewer-assistant@2-preview", "reviewer-assistant@0-legacy")

#: The threats each example must have, written from the rules' preconditions (not from output).
EXPECTED: dict[str, set[str]] = {
    # The joblib scorer is in-house, trained on private data, served by the gateway's predict
    # route: a pickle-family file, privacy attacks through queries, extraction, evasion (not an
    # LLM), floods. Each gateway model route is an external LLM with the system prompt:
    # injection, jailbreak, prompt extraction, disclosure, output handling, floods. The prompt
    # can be tampered with; dependencies can be compromised. No retrieval, no tools.
    "demo": {
        *(
            f"{r}:credit-risk-model"
            for r in ("SAI-T014", "SAI-T015", "SAI-T016", "SAI-T017", "SAI-T018", "SAI-T019")
        ),
        *(f"{r}:{route}" for r in _LLM_ROUTE for route in _ROUTES),
        "SAI-T026:reviewer-assistant-prompt",
        "SAI-T020:credit-risk-demo",
        # sai.yaml names no upstream for the routes: an unnamed outside provider serves them.
        "SAI-T021:upstream",
    },
    # An external LLM behind an API (no gateway): the LLM threats, an unused image input,
    # requests not logged; its provider; untrusted documents (injection, poisoning); two tools
    # reaching confidential customer records (agency, exfiltration), e-mail bringing outside
    # content in.
    "rag-agent": {
        *(
            f"{r}:assistant"
            for r in ("SAI-T001", "SAI-T004", "SAI-T005", "SAI-T006", "SAI-T019", "SAI-T022")
        ),
        "SAI-T023:assistant",
        "SAI-T024:assistant",
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
    },
    # A confidential in-house ONNX scorer run offline: its file, evasion, no audit log, weight
    # theft; poisoning only through the dataset fetched from outside. No LLM threat at all.
    "batch": {
        "SAI-T014:scorer",
        "SAI-T018:scorer",
        "SAI-T023:scorer",
        "SAI-T025:scorer",
        "SAI-T009:fraud-patterns",
        "SAI-T020:fraud-batch",
    },
}

FILES = (
    "data/customers.csv",
    "prompts/system.txt",
    "data/contracts/a.txt",
    "models/scorer.onnx",
    "data/transactions.csv",
    "data/patterns.csv",
    "models/credit_risk.joblib",
    "data/loan_applications.csv",
    "data/train.csv",
    "data/holdout.csv",
)


def manifest(data: dict[str, Any]) -> Manifest:
    """The validated manifest of ``data`` (no file-system checks)."""
    return Manifest.model_validate(copy.deepcopy(data))


def write_project(root: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as sai.yaml in ``root`` with every file the examples name."""
    for name in FILES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{name}\n", encoding="utf-8")
    target = root / "sai.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target
