"""Shared reading of training-data evidence for the data checks: which datasets count, and
the digest each dataset was last observed at (its provenance record or a later verify)."""

from __future__ import annotations

from dataclasses import dataclass

from sai.assessment.checks.base import CheckContext
from sai.ledger import Entry
from sai.manifest.schema import DatasetSpec

PROVENANCE = "data.provenance"
VERIFIED = "data.verified"
SCREENED = "data.screened"
APPROVED = "data.approved"
ENV_CHECKED = "env.checked"


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
    digest: str
    observation: Entry

    @property
    def matches(self) -> bool:
        return self.digest == self.record.evidence.data.get("digest")


def observed(ctx: CheckContext, name: str) -> Observed | None:
    """The latest record of ``name`` and its latest observation (None without a record)."""
    record = ctx.evidence.latest(kind=PROVENANCE, subject=name)
    if record is None:
        return None
    verified = ctx.evidence.latest(kind=VERIFIED, subject=name)
    if verified is not None and verified.index > record.index:
        return Observed(record, str(verified.evidence.data.get("actual")), verified)
    return Observed(record, str(record.evidence.data.get("digest")), record)


__all__ = [
    "APPROVED",
    "ENV_CHECKED",
    "PROVENANCE",
    "SCREENED",
    "VERIFIED",
    "Observed",
    "observed",
    "training_datasets",
]
