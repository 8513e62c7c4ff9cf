"""The check interface: a function of the ledger and the manifest, bound to provision ids.

A check reads evidence only through ``EvidenceReader`` (the ledger's query methods) and the
manifest recorded for this assessment, and returns a ``CheckResult`` with a reason a person can
act on and the ledger indices it relied on. It is inconclusive when evidence is missing or
stale, and fails when the evidence shows the provision is not met.
"""

from __future__ import annotations

import abc
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import Kind
from sai.ledger.measured import EvidenceReader, MeasuredEvidence
from sai.manifest import Manifest

if TYPE_CHECKING:
    from sai.ledger.rollup_log import RollupCheck


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at: the evidence, the manifest and the ledger entry recording it.

    ``evidence`` holds only what sai's controls measured; ``statements`` is the whole ledger,
    for deciding provisions by a person's attestation.
    """

    ledger: EvidenceReader
    manifest: Manifest
    manifest_entry: int
    now: datetime
    rollups: RollupCheck | None = None
    """The gateway roll-ups recomputed from their request entries before the assessment
    (`sai assess` does); None when they were not."""

    @functools.cached_property
    def evidence(self) -> EvidenceReader:
        """The control-produced entries: the only evidence automated checks accept."""
        return MeasuredEvidence(self.ledger)

    @functools.cached_property
    def shared(self) -> dict[str, object]:
        """Values several checks of one assessment read alike, computed once (by name)."""
        return {}

    @property
    def statements(self) -> EvidenceReader:
        """Every entry, people's statements included (attestations)."""
        return self.ledger


class Check(abc.ABC):
    """An automated check for one or more provisions."""

    #: A short stable name shown in reports, e.g. ``provenance.sources``.
    name: ClassVar[str]
    #: The provision ids this check decides.
    provisions: ClassVar[tuple[str, ...]]
    #: Evidence older than this makes the check inconclusive (None: no limit).
    freshness: ClassVar[timedelta | None] = None
    #: What evidence is enough for a pass, in one line (docs/assessment.md lists them all).
    sufficiency: ClassVar[str]
    #: The evidence kinds the check reads (``manifest.recorded`` for sai.yaml itself).
    reads: ClassVar[tuple[Kind, ...]]
    #: Whether a pass also needs a current attestation of the provision (a fact only a
    #: person can state); the check verifies everything else.
    attested: ClassVar[bool] = False

    @abc.abstractmethod
    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        """Decide ``provision`` from the evidence in ``ctx``."""

    def result(
        self,
        provision: Provision,
        verdict: Verdict,
        reason: str,
        evidence: Sequence[int] = (),
    ) -> CheckResult:
        """Build this check's result for ``provision``."""
        return CheckResult(
            provision=provision.id,
            verdict=verdict,
            reason=reason,
            check=self.name,
            automated=True,
            evidence=tuple(sorted(set(evidence))),
        )

    def is_stale(self, entry: Entry, now: datetime) -> bool:
        """Whether ``entry`` is older than this check's freshness window."""
        return self.freshness is not None and now - entry.evidence.time > self.freshness

    def current(
        self,
        provision: Provision,
        ctx: CheckContext,
        kind: Kind,
        *,
        run: str,
        subject: str | None = None,
        used: Sequence[int] = (),
    ) -> Entry | CheckResult:
        """The newest measured ``kind`` entry, or the inconclusive result when there is none
        or it is older than :attr:`freshness` (both reasons end with ``run``, the fix)."""
        entry = ctx.evidence.latest(kind=kind, subject=subject)
        if entry is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no {kind.value} evidence from sai is in the ledger; {run}",
                used,
            )
        if self.is_stale(entry, ctx.now):
            assert self.freshness is not None
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest {kind.value} (entry {entry.index}) is older than "
                f"{self.freshness.days} days; {run}",
                [*used, entry.index],
            )
        return entry


def listing(names: Sequence[str], limit: int = 5) -> str:
    """``a, b, c`` or ``a, b, c, … (+4 more)`` for reasons that name what is wrong."""
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += f", … (+{len(names) - limit} more)"
    return shown


__all__ = ["Check", "CheckContext", "EvidenceReader", "listing"]
