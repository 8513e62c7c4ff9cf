"""Shared reading of training-data evidence for the data checks: which datasets count, and
the digest each dataset was last observed at (its provenance record or a later verify)."""

from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import TypeVar

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import DataProvenance, DataVerified, Kind, Payload, PayloadError
from sai.manifest.schema import DatasetSpec

P = TypeVar("P", bound=Payload)


class MalformedEvidence(Exception):
    """An entry whose data does not have its kind's shape; the check cannot rely on it."""

    def __init__(self, entry: Entry, problem: str) -> None:
        super().__init__(problem)
        self.entry = entry
        self.problem = problem

    def reason(self) -> str:
        return (
            f"ledger entry {self.entry.index} ({self.entry.evidence.kind}) is malformed "
            f"({self.problem}); run the control that writes it again"
        )


def typed(entry: Entry, payload: type[P]) -> P:
    """The entry's payload; MalformedEvidence when its data does not fit."""
    try:
        return payload.from_evidence(entry.evidence)
    except PayloadError as exc:
        raise MalformedEvidence(entry, str(exc)) from None


class TypedCheck(Check):
    """A check whose malformed evidence makes it inconclusive instead of crashing."""

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        try:
            return self.decide(provision, ctx)
        except MalformedEvidence as bad:
            return self.result(
                provision, Verdict.INCONCLUSIVE, bad.reason(), [ctx.manifest_entry, bad.entry.index]
            )

    @abc.abstractmethod
    def decide(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        """Decide ``provision``; may raise MalformedEvidence."""


PROVENANCE = Kind.DATA_PROVENANCE
VERIFIED = Kind.DATA_VERIFIED
SCREENED = Kind.DATA_SCREENED
APPROVED = Kind.DATA_APPROVED
ENV_CHECKED = Kind.ENV_CHECKED


def training_datasets(ctx: CheckContext) -> list[DatasetSpec]:
    """Datasets a model is trained on; every dataset when no model names any."""
    manifest = ctx.manifest
    used = {name for model in manifest.models for name in model.trained_on}
    if not used:
        return list(manifest.datasets)
    return [d for d in manifest.datasets if d.name in used]


@dataclass(frozen=True)
class Observed:
    """A dataset's latest provenance record and the digest it was last seen at."""

    record: Entry
    payload: DataProvenance
    digest: str
    observation: Entry

    @property
    def matches(self) -> bool:
        return self.digest == self.payload.digest


def observed(ctx: CheckContext, name: str) -> Observed | None:
    """The latest record of ``name`` and its latest observation (None without a record)."""
    record = ctx.evidence.latest(kind=PROVENANCE, subject=name)
    if record is None:
        return None
    payload = typed(record, DataProvenance)
    verified = ctx.evidence.latest(kind=VERIFIED, subject=name)
    if verified is not None and verified.index > record.index:
        return Observed(record, payload, typed(verified, DataVerified).actual, verified)
    return Observed(record, payload, payload.digest, record)


__all__ = [
    "APPROVED",
    "ENV_CHECKED",
    "PROVENANCE",
    "SCREENED",
    "VERIFIED",
    "MalformedEvidence",
    "Observed",
    "TypedCheck",
    "observed",
    "training_datasets",
    "typed",
]
