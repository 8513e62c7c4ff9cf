"""What documents are built from: sai.yaml and the measured evidence in the ledger.

Only these two go into a document's facts, so a check can gather the same facts again from
the recorded manifest and the ledger and tell whether a published document is stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sai.ledger import Entry
from sai.ledger.kinds import (
    DocumentAdvisory,
    DocumentUpdateNotice,
    Kind,
    PayloadError,
    RedteamRun,
    ThreatsModel,
)
from sai.ledger.measured import EvidenceReader, MeasuredEvidence
from sai.manifest import Manifest

_DIGEST_KINDS = (Kind.ASSET_RECORDED, Kind.MODEL_TRAINED, Kind.ASSET_CHANGED)
_RECENT = 10


@dataclass
class Used:
    """The ledger entries a document's facts came from (collected while gathering)."""

    indices: set[int] = field(default_factory=set)

    def add(self, entry: Entry | None) -> Entry | None:
        """Note ``entry`` as a source and hand it back."""
        if entry is not None:
            self.indices.add(entry.index)
        return entry


def digest_of(entry: Entry) -> str | None:
    """The digest an asset entry names (``after`` for a change)."""
    data = entry.evidence.data
    value = data.get("after") if entry.evidence.kind == Kind.ASSET_CHANGED else data.get("digest")
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Sources:
    """The manifest and the control-produced evidence; every reader notes what it used."""

    manifest: Manifest
    ledger: EvidenceReader

    @property
    def evidence(self) -> EvidenceReader:
        """Measured entries only: a person's note never feeds a document."""
        return MeasuredEvidence(self.ledger)

    def asset_digest(self, name: str, used: Used) -> str | None:
        """The newest digest the ledger shows for asset ``name``."""
        found = [e for k in _DIGEST_KINDS if (e := self.evidence.latest(kind=k, subject=name))]
        for entry in sorted(found, key=lambda e: -e.index):
            digest = digest_of(entry)
            if digest is not None:
                used.add(entry)
                return digest
        return None

    def threats(self, used: Used) -> ThreatsModel | None:
        """The newest threat model of the system."""
        entry = self.evidence.latest(kind=Kind.THREATS_MODEL, subject=self.manifest.name)
        if entry is None:
            return None
        try:
            model = ThreatsModel.from_evidence(entry.evidence)
        except PayloadError:
            return None
        used.add(entry)
        return model

    def redteam_runs(self, used: Used) -> list[RedteamRun]:
        """The newest complete red-team run of each kind (llm, classic)."""
        runs: dict[str, RedteamRun] = {}
        for entry in self.evidence.query(kind=Kind.REDTEAM_RUN, descending=True, limit=50):
            try:
                run = RedteamRun.from_evidence(entry.evidence)
            except PayloadError:
                continue
            if run.complete and run.kind not in runs:
                runs[run.kind] = run
                used.add(entry)
        return [runs[k] for k in sorted(runs)]

    def alerts(self, used: Used) -> list[Entry]:
        """The most recent monitoring alerts."""
        found = self.evidence.query(kind=Kind.MONITORING_ALERT, descending=True, limit=_RECENT)
        for entry in found:
            used.add(entry)
        return found

    def snapshot(self, used: Used) -> Entry | None:
        """The newest known-good snapshot of the system."""
        return used.add(self.evidence.latest(kind=Kind.SNAPSHOT_CREATED))

    def advisories(self, used: Used) -> list[tuple[Entry, DocumentAdvisory]]:
        """Every advisory, newest first."""
        out = []
        for entry in self.evidence.query(kind=Kind.DOCUMENT_ADVISORY, descending=True):
            try:
                out.append((entry, DocumentAdvisory.from_evidence(entry.evidence)))
            except PayloadError:
                continue
            used.add(entry)
        return out

    def update_notices(self, used: Used) -> list[tuple[Entry, DocumentUpdateNotice]]:
        """Every model update notice, newest first."""
        out = []
        for entry in self.evidence.query(kind=Kind.DOCUMENT_UPDATE_NOTICE, descending=True):
            try:
                out.append((entry, DocumentUpdateNotice.from_evidence(entry.evidence)))
            except PayloadError:
                continue
            used.add(entry)
        return out


__all__ = ["Sources", "Used", "digest_of"]
