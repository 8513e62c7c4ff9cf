"""Plain-JSON forms of ledger values, for `--format json` and reports."""

from __future__ import annotations

from typing import Any

from sai.ledger.canonical import parse_canonical
from sai.ledger.entry import Entry, format_time


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry as a JSON object: its index, leaf hash (hex) and the evidence fields."""
    evidence = entry.evidence
    leaf = parse_canonical(evidence.leaf_bytes())
    return {
        "index": entry.index,
        "leaf_hash": entry.leaf_hash.hex(),
        "kind": evidence.kind,
        "subject": evidence.subject,
        "provisions": list(evidence.provisions),
        "actor": evidence.actor,
        "time": format_time(evidence.time),
        "data": leaf["data"],
        "attachments": leaf["attachments"],
    }


__all__ = ["entry_json"]
