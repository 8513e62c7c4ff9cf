"""The demo's due diligence on the model provider behind the gateway (sai's own mock upstream)
and the contract that supports principle 6, both recorded as demo data."""

from __future__ import annotations

from datetime import datetime, timedelta

from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace


def vet_upstream(
    ledger: Ledger, workspace: Workspace, loaded: LoadedManifest, now: datetime
) -> None:
    """Due diligence on the provider behind the gateway's model routes (the demo's mock), and
    the contract that supports principle 6 (5.2.2-6)."""
    from sai.assessment.attestations import store_evidence_file
    from sai.threats.build import UNNAMED_UPSTREAM
    from sai.threats.record import CONTRACT_REQUIREMENTS
    from sai.threats.service import record_provider_contract, vet_provider

    questionnaire = workspace.root / "docs" / "upstream-questionnaire.md"
    questionnaire.parent.mkdir(parents=True, exist_ok=True)
    questionnaire.write_text(
        "# Provider questionnaire (demo data)\n\nThe demo's upstream is sai's own mock "
        "model server on 127.0.0.1; no real provider was vetted.\n",
        encoding="utf-8",
    )
    vet_provider(
        ledger,
        loaded,
        UNNAMED_UPSTREAM,
        adheres="partly",
        review_by=now.date() + timedelta(days=180),
        attachment=store_evidence_file(questionnaire, workspace.evidence_dir),
        by="Dana Demo",
        note="Demo data: the mock upstream of sai demo.",
        now=now,
    )
    contract = workspace.root / "docs" / "upstream-contract.md"
    contract.write_text(
        "# Hosting contract, security annex (demo data)\n\nThe provider keeps API keys "
        "per role, rate limits, separate tuning environments, a disclosure policy and an "
        "incident plan, and tells us of incidents within 24 hours.\n",
        encoding="utf-8",
    )
    record_provider_contract(
        ledger,
        loaded,
        UNNAMED_UPSTREAM,
        supports=CONTRACT_REQUIREMENTS,
        review_by=now.date() + timedelta(days=365),
        attachment=store_evidence_file(contract, workspace.evidence_dir),
        by="Dana Demo",
        note="Demo data: no real contract was signed.",
        now=now,
    )


__all__ = ["vet_upstream"]
