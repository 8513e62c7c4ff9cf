"""Where a kind is registered: `PAYLOADS` maps every kind to its payload type.

A new kind gets a member of ``Kind`` (``_kind.py``), a payload dataclass in its area's module
(``scanning.py``, ...), one line in ``_ALL`` below, and its name in the package's lazy list
(``_exports.py`` and ``__init__.py``; tests hold the three to each other and to ``Kind``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.ledger.kinds import (
    assessment,
    console,
    custody,
    demo,
    disposal,
    documents,
    gateway,
    guards,
    inventory,
    monitoring,
    provenance,
    redteam,
    scanning,
    threats,
)
from sai.ledger.kinds._kind import Kind, is_note
from sai.ledger.kinds._payload import Payload

_ALL: tuple[type[Payload], ...] = (
    assessment.ManifestRecorded,
    assessment.AssessmentCompleted,
    assessment.Attestation,
    assessment.AttestationWithdrawn,
    assessment.Note,
    inventory.InventoryScan,
    inventory.AssetRecorded,
    inventory.AssetAdded,
    inventory.AssetRemoved,
    inventory.AssetChange,
    inventory.AssetMissing,
    inventory.AssetSigned,
    inventory.AssetVerified,
    inventory.AssetSealed,
    inventory.AssetUnsealed,
    inventory.SnapshotCreated,
    inventory.SnapshotRestored,
    inventory.SnapshotDrill,
    inventory.PromptVersion,
    custody.KeyCreated,
    custody.KeyUnwrapped,
    custody.KeyDestroyed,
    disposal.DisposalApproved,
    disposal.DisposalStarted,
    disposal.DisposalCompleted,
    disposal.AssetTransferred,
    disposal.SystemDecommissioned,
    scanning.ScanResult,
    scanning.SupplyChainDecision,
    scanning.DependencyAudit,
    guards.GuardEvaluation,
    guards.GuardCheck,
    gateway.GatewayRequest,
    gateway.GatewayKeyCreated,
    gateway.GatewayKeyRevoked,
    gateway.GatewayReview,
    gateway.GatewayAuthFailures,
    gateway.GatewayRollup,
    demo.DatasetCreated,
    demo.ModelTrained,
    threats.ThreatsModel,
    threats.ThreatsReview,
    threats.ThreatsProvider,
    threats.ThreatsContract,
    redteam.RedteamRun,
    redteam.RedteamExport,
    provenance.DataProvenance,
    provenance.DataVerified,
    provenance.DataScreened,
    provenance.DataApproved,
    provenance.EnvChecked,
    monitoring.MonitoringAlert,
    monitoring.MonitoringAlertUpdate,
    monitoring.MonitoringBaseline,
    monitoring.MonitoringFeatureLog,
    monitoring.MonitoringFeedback,
    monitoring.MonitoringRun,
    documents.DocumentBuilt,
    documents.DocumentPublished,
    documents.DocumentUpdateNotice,
    documents.DocumentAdvisory,
    documents.DocumentAck,
    documents.DocumentDrill,
    console.ConsoleReview,
    console.ConsoleReviewTimeout,
    console.ConsoleExplanation,
)

PAYLOADS: Mapping[Kind, type[Payload]] = MappingProxyType({p.KIND: p for p in _ALL})
"""The payload type of every kind."""


def payload_type(kind: str) -> type[Payload] | None:
    """The payload type of ``kind`` (``note.*`` kinds are notes); None for an unknown kind."""
    if is_note(kind):
        return assessment.Note
    try:
        return PAYLOADS[Kind(kind)]
    except ValueError:
        return None


__all__ = ["PAYLOADS", "payload_type"]
