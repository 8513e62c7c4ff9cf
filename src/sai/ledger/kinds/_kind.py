"""Every evidence kind sai writes, in one enum that producers and checks share.

Each package has its own section; a new kind is added here and gets a payload dataclass in the
package's module beside this one (``kinds/<domain>.py``).
"""

from __future__ import annotations

import enum


class Kind(enum.StrEnum):
    """The ``kind`` of an evidence entry."""

    # --- assessment (sai.assessment) ---
    MANIFEST_RECORDED = "manifest.recorded"
    ASSESSMENT_COMPLETED = "assessment.completed"
    ATTESTATION = "attestation"
    ATTESTATION_WITHDRAWN = "attestation.withdrawn"

    # --- inventory (sai.inventory) ---
    INVENTORY_SCAN = "inventory.scan"
    ASSET_RECORDED = "asset.recorded"
    ASSET_ADDED = "asset.added"
    ASSET_REMOVED = "asset.removed"
    ASSET_CHANGED = "asset.changed"
    ASSET_MISSING = "asset.missing"
    ASSET_SIGNED = "asset.signed"
    ASSET_VERIFIED = "asset.verified"
    ASSET_SEALED = "asset.sealed"
    ASSET_UNSEALED = "asset.unsealed"
    SNAPSHOT_CREATED = "snapshot.created"
    SNAPSHOT_RESTORED = "snapshot.restored"
    SNAPSHOT_DRILL = "snapshot.drill"
    PROMPT_VERSION = "prompt.version"

    # --- key custody (sai.inventory.custody) ---
    KEY_CREATED = "key.created"
    KEY_UNWRAPPED = "key.unwrapped"
    KEY_DESTROYED = "key.destroyed"

    # --- disposal (sai.disposal) ---
    DISPOSAL_APPROVED = "disposal.approved"
    DISPOSAL_STARTED = "disposal.started"
    DISPOSAL_COMPLETED = "disposal.completed"
    ASSET_TRANSFERRED = "asset.transferred"
    SYSTEM_DECOMMISSIONED = "system.decommissioned"

    # --- scanning (sai.scanning) ---
    SCAN_RESULT = "scan.result"
    SUPPLY_CHAIN_DECISION = "supply_chain.decision"
    DEPENDENCY_AUDIT = "dependency.audit"

    # --- guards (sai.guards) ---
    GUARD_EVALUATION = "guard.evaluation"
    GUARD_CHECK = "guard.check"

    # --- gateway (sai.gateway) ---
    GATEWAY_REQUEST = "gateway.request"
    GATEWAY_KEY_CREATED = "gateway.key.created"
    GATEWAY_KEY_REVOKED = "gateway.key.revoked"
    GATEWAY_REVIEW = "gateway.review"
    GATEWAY_AUTH_FAILURES = "gateway.auth_failures"
    GATEWAY_ROLLUP = "gateway.rollup"

    # --- demo (sai.demo): lifecycle events of the example system ---
    DATASET_CREATED = "dataset.created"
    MODEL_TRAINED = "model.trained"

    # --- threats (sai.threats) ---
    THREATS_MODEL = "threats.model"
    THREATS_REVIEW = "threats.review"
    THREATS_PROVIDER = "threats.provider"
    THREATS_CONTRACT = "threats.contract"

    # --- provenance (sai.provenance) ---
    DATA_PROVENANCE = "data.provenance"
    DATA_VERIFIED = "data.verified"
    DATA_SCREENED = "data.screened"
    DATA_APPROVED = "data.approved"
    ENV_CHECKED = "env.checked"

    # --- redteam (sai.redteam) ---
    REDTEAM_RUN = "redteam.run"
    REDTEAM_EXPORT = "redteam.export"

    # --- monitoring (sai.monitoring) ---
    MONITORING_BASELINE = "monitoring.baseline"
    MONITORING_RUN = "monitoring.run"
    MONITORING_ALERT = "monitoring.alert"
    MONITORING_ALERT_UPDATE = "monitoring.alert.update"
    MONITORING_FEATURE_LOG = "monitoring.feature_log"
    MONITORING_FEEDBACK = "monitoring.feedback"

    # --- console (sai.web) ---
    CONSOLE_REVIEW = "console.review"
    CONSOLE_REVIEW_TIMEOUT = "console.review.timeout"
    CONSOLE_EXPLANATION = "console.explanation"

    # --- documents (sai.documents) ---
    DOCUMENT_BUILT = "document.built"
    DOCUMENT_PUBLISHED = "document.published"
    DOCUMENT_UPDATE_NOTICE = "document.update_notice"
    DOCUMENT_ADVISORY = "document.advisory"
    DOCUMENT_ACK = "document.ack"
    DOCUMENT_DRILL = "document.drill"

    # --- disposal (sai.disposal) ---

    # --- notes: a person's free-form entries (`sai ledger append`); no check reads them ---
    NOTE = "note"


NOTE_PREFIX = "note."
"""``sai ledger append`` writes only ``note`` or ``note.<anything>`` kinds."""


def is_note(kind: str) -> bool:
    """Whether ``kind`` is a person's note (``note`` or ``note.*``)."""
    return kind == Kind.NOTE or kind.startswith(NOTE_PREFIX)


__all__ = ["NOTE_PREFIX", "Kind", "is_note"]
