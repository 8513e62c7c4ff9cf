"""The pydantic model of report.json (docs/report-format.md), used to parse reports at the edge.

Parsing is strict: duplicate keys, NaN, unknown members and unknown format versions are refused
with a message naming the field, so every renderer and the verifier work on a known shape.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sai.errors import InputError

REPORT_FORMAT = "sai.report/1"

VerdictName = Literal["pass", "fail", "inconclusive"]
IcsStatus = Literal["applicable", "excluded", "not-applicable"]


class ReportFormatError(InputError):
    """report.json is not JSON, not a report, or a report in a format this sai cannot read."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Tool(_Model):
    name: str
    version: str


class Standard(_Model):
    id: str
    version: str


class System(_Model):
    name: str
    description: str | None = None
    intended_use: str | None = None
    roles: list[str]


class IcsRow(_Model):
    provision: str = Field(min_length=1)
    principle: int = Field(ge=1, le=13)
    phase: str
    force: list[str]
    roles: list[str]
    summary: str
    status: IcsStatus
    basis: str


class Result(_Model):
    provision: str = Field(min_length=1)
    principle: int = Field(ge=1, le=13)
    verdict: VerdictName
    reason: str
    check: str
    automated: bool
    evidence: list[int] = Field(default_factory=list)

    @field_validator("evidence")
    @classmethod
    def _non_negative(cls, value: list[int]) -> list[int]:
        if any(index < 0 for index in value):
            raise ValueError("ledger indices are never negative")
        return value


class Counts(_Model):
    pass_: int = Field(alias="pass", ge=0)
    fail: int = Field(ge=0)
    inconclusive: int = Field(ge=0)


class Principle(_Model):
    number: int = Field(ge=1, le=13)
    title: str
    phase: str
    verdict: VerdictName | None
    counts: Counts
    excluded: int = Field(ge=0)


class Ledger(_Model):
    origin: str = Field(min_length=1)
    checkpoint: str = Field(min_length=1)
    verifier_key: str = Field(min_length=1)
    assessment_entry: int = Field(ge=0)


class EvidenceItem(_Model):
    index: int = Field(ge=0)
    leaf: str
    proof: list[str]


class Report(_Model):
    """report.json, format version 1."""

    format: Literal["sai.report/1"]
    tool: Tool
    standard: Standard
    assessed_at: str
    system: System
    ics: list[IcsRow]
    results: list[Result]
    principles: list[Principle]
    overall: VerdictName
    ledger: Ledger
    evidence: list[EvidenceItem]

    @field_validator("assessed_at")
    @classmethod
    def _utc_time(cls, value: str) -> str:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"not an ISO 8601 time: {value!r}") from exc
        if moment.utcoffset() is None:
            raise ValueError(f"time without a time zone: {value!r}")
        return value

    def assessed_datetime(self) -> datetime:
        return datetime.fromisoformat(self.assessed_at)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ReportFormatError(f"the report has the member {key!r} twice")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ReportFormatError(f"the report holds {name}, which JSON does not allow")


def load_report_json(data: bytes) -> dict[str, Any]:
    """Decode report.json bytes into plain JSON values, refusing duplicates and NaN/Infinity."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportFormatError(
            f"the report is not UTF-8 text (byte offset {exc.start})",
            hint="pass the report.json file that `sai assess` wrote, unchanged",
        ) from exc
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ReportFormatError(
            f"the report is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            hint="pass the report.json file that `sai assess` wrote, unchanged",
        ) from exc
    except RecursionError as exc:
        raise ReportFormatError("the report is nested too deeply to be a report") from exc
    if not isinstance(value, dict):
        raise ReportFormatError(f"the report holds a JSON {type(value).__name__}, not an object")
    return value


def _location(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def parse_report(value: dict[str, Any]) -> Report:
    """Validate decoded report.json against format version 1."""
    found = value.get("format")
    if found != REPORT_FORMAT:
        shown = repr(found) if found is not None else "no 'format' member"
        raise ReportFormatError(
            f"the report has format {shown}; this sai reads {REPORT_FORMAT!r} only",
            hint="verify it with the sai version that wrote it (see the report's 'tool' member)",
        )
    try:
        return Report.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise ReportFormatError(
            f"the report's field {_location(first['loc'])}: {first['msg']}{more}",
            hint="the file does not follow docs/report-format.md; was it edited by hand?",
        ) from exc
    except RecursionError as exc:
        raise ReportFormatError("the report is nested too deeply to be a report") from exc


def coerce_report(report: Mapping[str, Any] | Report) -> Report:
    """A parsed report: ``report`` itself, or the dict passed through its JSON form and parsed."""
    if isinstance(report, Report):
        return report
    return parse_report(load_report_json(dump_report_json(report).encode("utf-8")))


def dump_report_json(report: Any) -> str:
    """report.json text: two-space indent, keys in the given order, UTF-8, final newline."""
    try:
        return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except (TypeError, ValueError) as exc:
        raise InputError(f"the report cannot be written as JSON: {exc}") from exc


__all__ = [
    "REPORT_FORMAT",
    "Counts",
    "EvidenceItem",
    "IcsRow",
    "Ledger",
    "Principle",
    "Report",
    "ReportFormatError",
    "Result",
    "Standard",
    "System",
    "Tool",
    "coerce_report",
    "dump_report_json",
    "load_report_json",
    "parse_report",
]
