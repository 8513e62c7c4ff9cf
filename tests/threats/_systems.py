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

FILES = (
    "data/customers.csv",
    "prompts/system.txt",
    "data/contracts/a.txt",
    "models/scorer.onnx",
    "data/transactions.csv",
    "data/patterns.csv",
    "models/credit_risk.joblib",
    "data/loan_applications.csv",
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
