"""The registry of automated checks. One contract test walks every entry.

Provisions without an automated check are decided by attestation only.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.assessment.checks.attestation import decide_by_attestation
from sai.assessment.checks.audit_trail import AssetAuditTrail
from sai.assessment.checks.base import Check, CheckContext, EvidenceReader
from sai.assessment.checks.console import (
    CustodianRequirementsMet,
    OutputsExplained,
    ReviewToolingWorks,
)
from sai.assessment.checks.contracts import CloudContractsSupport
from sai.assessment.checks.data_custody import CustodianApproved, TrainingDataSeparated
from sai.assessment.checks.data_use import SensitiveDataProtected, UseSuitsSensitivity
from sai.assessment.checks.disposal import DisposalVerified, TransferCustodied
from sai.assessment.checks.documents import (
    ComponentsJustified,
    DataUseNoticePublished,
    DisclosurePublished,
    SystemCardPublished,
    UserGuidePublished,
)
from sai.assessment.checks.documents_channels import UpdatesReachStaff
from sai.assessment.checks.documents_events import (
    IncidentPlanRehearsed,
    IncidentSupportPublished,
    ModelUpdatesNoticed,
    StaffBriefed,
    UpdatesFeedPublished,
)
from sai.assessment.checks.documents_reporting import RiskReportingEncouraged
from sai.assessment.checks.documents_risks import ThreatsCommunicated
from sai.assessment.checks.gateway import (
    GatewayAccessControl,
    GatewayAuditLog,
    GatewayHumanOversight,
    GatewayRateLimits,
    GatewayVersionedModels,
)
from sai.assessment.checks.guards import InputGuardsEvaluated
from sai.assessment.checks.inventory import (
    AssetsTracked,
    ConfidentialSealed,
    InventoryComplete,
    ModelsSigned,
)
from sai.assessment.checks.monitoring import (
    ContinuousMonitoring,
    DriftAndAnomaliesMonitored,
    InternalStatesMonitored,
    PerformanceMonitored,
)
from sai.assessment.checks.provenance import ProvenanceDetails, ProvenanceRecorded
from sai.assessment.checks.recovery import PromptChangesLogged, RecoveryRehearsed
from sai.assessment.checks.redteam import (
    RedteamAdversarialRobustness,
    RedteamIndependent,
    RedteamOutputInfluence,
    RedteamOutputLeakage,
    RedteamReleaseGate,
    RedteamShared,
)
from sai.assessment.checks.supply_chain import (
    ExternalComponentsAssessed,
    ExternalModelDecisions,
    ModelFilesScanned,
)
from sai.assessment.checks.threats import (
    DesignAssessed,
    RisksTreated,
    ThreatModelCurrent,
    ThreatModelled,
    UnusedCapabilities,
)
from sai.assessment.checks.threats_scope import ProvidersVetted, ToolsLeastPrivilege

#: Every automated check, explicitly. Add new checks here.
CHECKS: tuple[Check, ...] = (
    AssetAuditTrail(),
    ProvenanceRecorded(),
    ProvenanceDetails(),
    SensitiveDataProtected(),
    UseSuitsSensitivity(),
    CustodianApproved(),
    TrainingDataSeparated(),
    InventoryComplete(),
    AssetsTracked(),
    ModelsSigned(),
    ConfidentialSealed(),
    RecoveryRehearsed(),
    PromptChangesLogged(),
    ModelFilesScanned(),
    ExternalModelDecisions(),
    ExternalComponentsAssessed(),
    InputGuardsEvaluated(),
    GatewayAccessControl(),
    GatewayRateLimits(),
    GatewayHumanOversight(),
    ReviewToolingWorks(),
    OutputsExplained(),
    # NOTE: it runs the checks of the provisions each requirement names; the registry is
    # handed over lazily (the tuple below is not built yet when this line runs).
    CustodianRequirementsMet(lambda: checks_by_provision(CHECKS)),
    GatewayAuditLog(),
    GatewayVersionedModels(),
    DesignAssessed(),
    ToolsLeastPrivilege(),
    ProvidersVetted(),
    CloudContractsSupport(),
    ThreatModelled(),
    ThreatModelCurrent(),
    UnusedCapabilities(),
    RisksTreated(),
    RedteamReleaseGate(),
    RedteamIndependent(),
    RedteamShared(),
    RedteamOutputLeakage(),
    RedteamOutputInfluence(),
    RedteamAdversarialRobustness(),
    DriftAndAnomaliesMonitored(),
    InternalStatesMonitored(),
    PerformanceMonitored(),
    ContinuousMonitoring(),
    TransferCustodied(),
    DisposalVerified(),
    StaffBriefed(),
    ThreatsCommunicated(),
    UpdatesReachStaff(),
    RiskReportingEncouraged(),
    DisclosurePublished(),
    IncidentPlanRehearsed(),
    IncidentSupportPublished(),
    SystemCardPublished(),
    ComponentsJustified(),
    ModelUpdatesNoticed(),
    DataUseNoticePublished(),
    UserGuidePublished(),
    UpdatesFeedPublished(),
)


def checks_by_provision(checks: tuple[Check, ...] = CHECKS) -> Mapping[str, Check]:
    """Map each provision id to the automated check that decides it (one per provision)."""
    table: dict[str, Check] = {}
    for check in checks:
        for provision_id in check.provisions:
            if provision_id in table:
                raise ValueError(
                    f"{provision_id} has two checks: {table[provision_id].name} and {check.name}"
                )
            table[provision_id] = check
    return MappingProxyType(table)


__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "EvidenceReader",
    "checks_by_provision",
    "decide_by_attestation",
]
