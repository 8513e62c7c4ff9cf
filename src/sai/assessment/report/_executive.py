"""The executive page of the report and evidence in words, derived from report.json alone.

Owner and security contact come from the sai.yaml text the assessment recorded (a cited
``manifest.recorded`` entry), the assessor from the assessment entry's actor, the evidence
period from the times of the cited entries; nothing here needs a new report field, so older
reports render the same way and `sai verify` is untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from sai.assessment.report.schema import Report, Result

_ORDER = {"fail": 0, "inconclusive": 1, "pass": 2}
_SCALARS = (str, int, bool)


@dataclass(frozen=True)
class Executive:
    """What the first page says."""

    totals: dict[str, int]
    actions: tuple[Result, ...]
    owners: tuple[str, ...]
    security_contact: str | None
    assessor: str | None
    period: tuple[str, str] | None


def _people(texts: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    for text in texts:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            continue
        people = data.get("people") if isinstance(data, dict) else None
        if not isinstance(people, dict):
            continue
        owners = tuple(
            str(o.get("name")) + (f" <{o['email']}>" if o.get("email") else "")
            for o in people.get("owners", [])
            if isinstance(o, dict) and o.get("name")
        )
        contact = people.get("security_contact")
        return owners, str(contact) if contact else None
    return (), None


def executive(report: Report, entries: Mapping[int, Any]) -> Executive:
    """The executive summary of ``report``; ``entries`` maps cited indices to decoded evidence."""
    totals = {
        "pass": sum(r.verdict == "pass" for r in report.results),
        "fail": sum(r.verdict == "fail" for r in report.results),
        "inconclusive": sum(r.verdict == "inconclusive" for r in report.results),
        "excluded": sum(row.status == "excluded" for row in report.ics),
        "not applicable": sum(row.status == "not-applicable" for row in report.ics),
    }
    open_ = [r for r in report.results if r.verdict != "pass"]
    actions = sorted(open_, key=lambda r: (_ORDER[r.verdict], not r.automated))[:10]
    recorded = [e for e in entries.values() if e is not None and e.kind == "manifest.recorded"]
    texts = [
        str(e.data.get("text", "")) for e in sorted(recorded, key=lambda e: e.time, reverse=True)
    ]
    owners, contact = _people(texts)
    assessment = entries.get(report.ledger.assessment_entry)
    times = sorted(
        e.time for i, e in entries.items() if e is not None and i != report.ledger.assessment_entry
    )
    period = (times[0].date().isoformat(), times[-1].date().isoformat()) if times else None
    return Executive(
        totals=totals,
        actions=tuple(actions),
        owners=owners,
        security_contact=contact,
        assessor=assessment.actor if assessment is not None else None,
        period=period,
    )


def _value(value: Any) -> str | None:
    if isinstance(value, _SCALARS):
        text = str(value).lower() if isinstance(value, bool) else str(value)
        return text if len(text) <= 60 else text[:57] + "…"
    if isinstance(value, list | tuple):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, Mapping):
        return f"{len(value)} field{'s' if len(value) != 1 else ''}"
    return None


def summarise(data: Mapping[str, Any], limit: int = 5) -> str:
    """Evidence data in words: its first few fields as ``name: value``, lists counted."""
    parts = []
    for name, value in data.items():
        shown = _value(value)
        if shown is None or name in ("text", "diff"):
            continue
        parts.append(f"{name.replace('_', ' ')}: {shown}")
        if len(parts) == limit:
            break
    extra = len(data) - len(parts)
    suffix = f" (+{extra} more fields in the raw data)" if extra > 0 and parts else ""
    return "; ".join(parts) + suffix if parts else "no data fields"


__all__ = ["Executive", "executive", "summarise"]
