"""The table of typed evidence: every payload dataclass, and `PAYLOADS` mapping each kind to its
payload type (imported on first use through `sai.ledger.kinds`).

Producers build a payload and store ``payload.to_data()``; checks read
``Payload.from_evidence(entry.evidence)``, which checks the shape and raises
:class:`PayloadError` instead of handing a check a missing key. ``PAYLOADS`` maps every kind
to its payload type; a test walks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.ledger.kinds._kind import NOTE_PREFIX, Kind, is_note
from sai.ledger.kinds._payload import JsonObject, Part, Payload, PayloadError
from sai.ledger.kinds.assessment import (
    AssessmentCompleted,
    Attestation,
    AttestationWithdrawn,
    ManifestRecorded,
    Note,
)
from sai.ledger.kinds.console import (
    Attribution,
    ConsoleExplanation,
    ConsoleReview,
    ConsoleReviewTimeout,
)
from sai.ledger.kinds.custody import KeyCreated, KeyDestroyed, KeyUnwrapped
from sai.ledger.kinds.demo import DatasetCreated, ModelTrained
from sai.ledger.kinds.disposal import (
    AssetTransferred,
    DisposalApproved,
    DisposalCompleted,
    DisposalStarted,
    SystemDecommissioned,
)
from sai.ledger.kinds.documents import (
    DocumentAck,
    DocumentAdvisory,
    DocumentBuilt,
    DocumentDrill,
    DocumentPublished,
    DocumentUpdateNotice,
)
from sai.ledger.kinds.gateway import (
    GatewayAuthFailures,
    GatewayKeyCreated,
    GatewayKeyRevoked,
    GatewayRequest,
    GatewayReview,
    GatewayRollup,
)
from sai.ledger.kinds.guards import GuardCheck, GuardEvaluation, GuardMetrics
from sai.ledger.kinds.inventory import (
    CHANGE_PAYLOADS,
    AssetAdded,
    AssetChange,
    AssetMissing,
    AssetRecorded,
    AssetRemoved,
    AssetSealed,
    AssetSigned,
    AssetUnsealed,
    AssetVerified,
    InventoryScan,
    PromptVersion,
    ScannedAsset,
    SnapshotCreated,
    SnapshotDrill,
    SnapshotRestored,
)
from sai.ledger.kinds.monitoring import (
    MonitoringAlert,
    MonitoringAlertUpdate,
    MonitoringBaseline,
    MonitoringFeatureLog,
    MonitoringFeedback,
    MonitoringRun,
)
from sai.ledger.kinds.provenance import (
    DataApproved,
    DataProvenance,
    DataScreened,
    DataVerified,
    EnvChecked,
    EnvFinding,
    ScreenFinding,
)
from sai.ledger.kinds.redteam import RedteamAttack, RedteamExport, RedteamFinding, RedteamRun
from sai.ledger.kinds.scanning import (
    DependencyAudit,
    ScanFinding,
    ScanResult,
    SupplyChainDecision,
    VulnerablePackage,
)
from sai.ledger.kinds.threats import (
    ControlState,
    ThreatBasis,
    ThreatLibrary,
    ThreatRisk,
    ThreatsContract,
    ThreatsModel,
    ThreatsProvider,
    ThreatsReview,
    ToolGrant,
)

_ALL: tuple[type[Payload], ...] = (
    ManifestRecorded,
    AssessmentCompleted,
    Attestation,
    AttestationWithdrawn,
    Note,
    InventoryScan,
    AssetRecorded,
    AssetAdded,
    AssetRemoved,
    AssetChange,
    AssetMissing,
    AssetSigned,
    AssetVerified,
    AssetSealed,
    AssetUnsealed,
    SnapshotCreated,
    SnapshotRestored,
    SnapshotDrill,
    PromptVersion,
    KeyCreated,
    KeyUnwrapped,
    KeyDestroyed,
    DisposalApproved,
    DisposalStarted,
    DisposalCompleted,
    AssetTransferred,
    SystemDecommissioned,
    ScanResult,
    SupplyChainDecision,
    DependencyAudit,
    GuardEvaluation,
    GuardCheck,
    GatewayRequest,
    GatewayKeyCreated,
    GatewayKeyRevoked,
    GatewayReview,
    GatewayAuthFailures,
    GatewayRollup,
    DatasetCreated,
    ModelTrained,
    ThreatsModel,
    ThreatsReview,
    ThreatsProvider,
    ThreatsContract,
    RedteamRun,
    RedteamExport,
    DataProvenance,
    DataVerified,
    DataScreened,
    DataApproved,
    EnvChecked,
    MonitoringAlert,
    MonitoringAlertUpdate,
    MonitoringBaseline,
    MonitoringFeatureLog,
    MonitoringFeedback,
    MonitoringRun,
    DocumentBuilt,
    DocumentPublished,
    DocumentUpdateNotice,
    DocumentAdvisory,
    DocumentAck,
    DocumentDrill,
    ConsoleReview,
    ConsoleReviewTimeout,
    ConsoleExplanation,
)

PAYLOADS: Mapping[Kind, type[Payload]] = MappingProxyType({p.KIND: p for p in _ALL})
"""The payload type of every kind."""


def payload_type(kind: str) -> type[Payload] | None:
    """The payload type of ``kind`` (``note.*`` kinds are notes); None for an unknown kind."""
    if is_note(kind):
        return Note
    try:
        return PAYLOADS[Kind(kind)]
    except ValueError:
        return None


__all__ = [
    "CHANGE_PAYLOADS",
    "NOTE_PREFIX",
    "PAYLOADS",
    "AssessmentCompleted",
    "AssetAdded",
    "AssetChange",
    "AssetMissing",
    "AssetRecorded",
    "AssetRemoved",
    "AssetSealed",
    "AssetSigned",
    "AssetTransferred",
    "AssetUnsealed",
    "AssetVerified",
    "Attestation",
    "AttestationWithdrawn",
    "Attribution",
    "ConsoleExplanation",
    "ConsoleReview",
    "ConsoleReviewTimeout",
    "ControlState",
    "DataApproved",
    "DataProvenance",
    "DataScreened",
    "DataVerified",
    "DatasetCreated",
    "DependencyAudit",
    "DisposalApproved",
    "DisposalCompleted",
    "DisposalStarted",
    "DocumentAck",
    "DocumentAdvisory",
    "DocumentBuilt",
    "DocumentDrill",
    "DocumentPublished",
    "DocumentUpdateNotice",
    "EnvChecked",
    "EnvFinding",
    "GatewayAuthFailures",
    "GatewayKeyCreated",
    "GatewayKeyRevoked",
    "GatewayRequest",
    "GatewayReview",
    "GatewayRollup",
    "GuardCheck",
    "GuardEvaluation",
    "GuardMetrics",
    "InventoryScan",
    "JsonObject",
    "KeyCreated",
    "KeyDestroyed",
    "KeyUnwrapped",
    "Kind",
    "ManifestRecorded",
    "ModelTrained",
    "MonitoringAlert",
    "MonitoringAlertUpdate",
    "MonitoringBaseline",
    "MonitoringFeatureLog",
    "MonitoringFeedback",
    "MonitoringRun",
    "Note",
    "Part",
    "Payload",
    "PayloadError",
    "PromptVersion",
    "RedteamAttack",
    "RedteamExport",
    "RedteamFinding",
    "RedteamRun",
    "ScanFinding",
    "ScanResult",
    "ScannedAsset",
    "ScreenFinding",
    "SnapshotCreated",
    "SnapshotDrill",
    "SnapshotRestored",
    "SupplyChainDecision",
    "SystemDecommissioned",
    "ThreatBasis",
    "ThreatLibrary",
    "ThreatRisk",
    "ThreatsContract",
    "ThreatsModel",
    "ThreatsProvider",
    "ThreatsReview",
    "ToolGrant",
    "VulnerablePackage",
    "is_note",
    "payload_type",
]
