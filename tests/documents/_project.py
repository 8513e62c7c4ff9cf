"""A fixed project for the documents' tests: sai.yaml, its files, and ledger facts written
at fixed times, so every generated document is the same on every run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import AssetRecorded, Kind
from sai.manifest import LoadedManifest, load_manifest

T0 = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
DIGEST_A = "sha256:" + "a" * 64
DIGEST_B = "sha256:" + "b" * 64

MANIFEST: dict[str, Any] = {
    "version": 1,
    "name": "help-desk",
    "description": "Answers staff questions about the IT service desk.",
    "intended_use": "Help staff fix common IT problems on their own.",
    "prohibited_uses": ["Decisions about a person's job or pay.", "Medical or legal advice."],
    "roles": ["developer", "system_operator"],
    "models": [
        {
            "name": "ticket-classifier",
            "path": "models/classifier.joblib",
            "format": "joblib",
            "source": "trained-in-house",
            "version": "2.1",
            "owner": "ml-team",
            "trained_on": ["tickets"],
            "card": {
                "description": "Sorts tickets into ten queues.",
                "limitations": ["Reads English only.", "Mixes up printer and network issues."],
                "metrics": {"accuracy": 0.91},
            },
        },
        {
            "name": "assistant",
            "endpoint": "https://llm.example.com/v1",
            "format": "openai-api",
            "source": "https://llm.example.com",
        },
    ],
    "datasets": [
        {
            "name": "tickets",
            "path": "data/tickets.csv",
            "owner": "data-office",
            "sensitivity": "personal",
            "sources": [
                {
                    "url": "https://tickets.example.com/export",
                    "retrieved": "2026-01-15",
                    "licence": "internal",
                }
            ],
        }
    ],
    "gateway": {
        "policies": {"review_on": ["exfiltration"]},
        "models": [
            {"name": "assistant@1", "upstream_model": "m1"},
            {"name": "assistant@2-preview", "upstream_model": "m2", "preview": True},
        ],
    },
    "people": {
        "owners": [
            {"name": "Ada Builder", "email": "ada@example.com", "briefing": "developer"},
            {"name": "Otto Runner", "role": "service owner", "briefing": "system-operator"},
            {"name": "Cleo Keeper", "briefing": "data-custodian"},
        ],
        "security_contact": "security@example.com",
    },
    "documents": {
        "public_url": "https://help.example.com",
        "retention_days": 30,
        "justifications": [
            {
                "component": "assistant",
                "reason": "No other hosted model meets our latency needs. Its answers are checked.",
            }
        ],
    },
}


def write_project(root: Path, data: dict[str, Any] | None = None) -> LoadedManifest:
    """Write sai.yaml (``MANIFEST`` or ``data``) and the files it names under ``root``."""
    for name in ("models/classifier.joblib", "data/tickets.csv"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name + "\n", encoding="utf-8")
    path = root / "sai.yaml"
    path.write_text(yaml.safe_dump(data or MANIFEST, sort_keys=False), encoding="utf-8")
    return load_manifest(path)


def record_digest(ledger: Ledger, name: str, digest: str, when: dt.datetime) -> int:
    """Record an inventory entry giving asset ``name`` the digest ``digest`` at ``when``."""
    kind = "dataset" if name == "tickets" else "model"
    evidence = Evidence.create(
        Kind.ASSET_RECORDED,
        name,
        provisions=("5.1.2-3",),
        actor="test",
        origin=Origin.control("inventory.scan"),
        data=AssetRecorded(name=name, type=kind, digest=digest).to_data(),
        time=when,
    )
    return ledger.append(evidence).index


__all__ = ["DIGEST_A", "DIGEST_B", "MANIFEST", "T0", "record_digest", "write_project"]
