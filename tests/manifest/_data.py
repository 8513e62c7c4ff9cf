"""Manifest data for the tests: a minimal valid manifest, a full one, and writers."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

MINIMAL: dict[str, Any] = {
    "version": 1,
    "name": "Loan assistant",
    "intended_use": "Scores loan applications for the credit team.",
    "roles": ["developer"],
    "people": {"owners": [{"name": "Risk team"}], "security_contact": "security@bank.test"},
}

FULL: dict[str, Any] = {
    "version": 1,
    "name": "Loan assistant",
    "description": "A scorer and a chat assistant for loan officers.",
    "intended_use": "Scores loan applications for the credit team.",
    "prohibited_uses": ["Final decisions without human review."],
    "roles": ["developer", "system_operator", "data_custodian"],
    "models": [
        {
            "name": "scorer",
            "path": "models/scorer.joblib",
            "format": "joblib",
            "source": "trained-in-house",
            "version": "1.2",
            "owner": "ML team",
            "confidential": True,
            "trained_on": ["loans"],
            "card": {
                "description": "Scores default risk.",
                "limitations": ["Not evaluated on applicants under 21."],
                "metrics": {"roc_auc": 0.91, "accuracy": 1},
                "licence": "Proprietary",
            },
        },
        {
            "name": "chat",
            "endpoint": "https://llm.bank.test/v1",
            "format": "openai-api",
            "source": "https://huggingface.co/org/model",
        },
    ],
    "datasets": [
        {
            "name": "loans",
            "path": "data",
            "owner": "Data office",
            "confidential": True,
            "sources": [
                {
                    "url": "https://data.bank.test/loans.csv",
                    "retrieved": "2024-05-31",
                    "licence": "CC-BY-4.0",
                    "digest": "sha256:" + "ab" * 32,
                },
                {"description": "Branch records, exported by the data office."},
            ],
        }
    ],
    "prompts": [{"name": "system-prompt", "path": "prompts/system.txt", "purpose": "Rules."}],
    "configs": [{"name": "guards", "path": "config/guards.yaml"}],
    "upstream": {
        "base_url": "https://llm.bank.test/v1",
        "api_key_env": "UPSTREAM_API_KEY",
        "model": "chat-1",
        "timeout_seconds": 30,
    },
    "gateway": {
        "host": "127.0.0.1",
        "port": 9000,
        "policies": {
            "max_body_bytes": 65536,
            "max_tokens": 1024,
            "requests_per_minute": 30,
            "tokens_per_minute": 20000,
            "review_on": ["injection", "pii"],
        },
    },
    "people": {
        "owners": [{"name": "Risk team", "email": "risk@bank.test", "role": "system owner"}],
        "security_contact": "https://bank.test/security",
    },
    "exclusions": [
        {
            "provision": "5.2.2-6",
            "justification": "We use no cloud provider; everything runs on our own hardware.",
        }
    ],
}

FULL_FILES = ("models/scorer.joblib", "data/loans.csv", "prompts/system.txt", "config/guards.yaml")


def minimal() -> dict[str, Any]:
    """A fresh copy of the smallest valid manifest."""
    return copy.deepcopy(MINIMAL)


def full() -> dict[str, Any]:
    """A fresh copy of a manifest using every section (its files: `FULL_FILES`)."""
    return copy.deepcopy(FULL)


def write_files(root: Path, files: tuple[str, ...] = FULL_FILES) -> None:
    for name in files:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x", encoding="utf-8")


def write_manifest(root: Path, data: object) -> Path:
    path = root / "sai.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path
