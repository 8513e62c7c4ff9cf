"""The demo's example attestations: statements a person makes, each clearly marked as demo
data in the ledger and the report."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sai.assessment.attestations import record_attestation
from sai.catalog import load_catalog
from sai.ledger import Ledger
from sai.workspace import Workspace

#: Example attestations, clearly marked as demo data in the ledger and the report.
_DEMO_ATTESTATIONS: tuple[tuple[str, str], ...] = (
    ("5.1.1-1", "AI security is part of the yearly security training; reviewed each quarter."),
    ("5.1.1-2", "Staff receive a monthly AI threat bulletin with mitigations."),
    ("5.2.2-4", "A vulnerability disclosure policy is published at /.well-known/security.txt."),
    ("5.2.2-5", "The AI incident and recovery plans were tested in a tabletop exercise."),
    ("5.1.2-5.1", "The speak-up policy protects reporters; team leads ask for AI risk reports."),
)


def record_attestations(ledger: Ledger, workspace: Workspace, now: datetime) -> None:
    """Record the example attestations, the training ones with a supporting plan attached."""
    catalog = load_catalog()
    supporting = workspace.root / "docs" / "security-training-plan.md"
    supporting.parent.mkdir(parents=True, exist_ok=True)
    supporting.write_text(
        "# AI security training plan (demo)\n\n"
        "Quarterly review of AI threats; role-based modules.\n",
        encoding="utf-8",
    )
    review_by = date.fromordinal(now.date().toordinal()) + timedelta(days=180)
    for provision_id, statement in _DEMO_ATTESTATIONS:
        record_attestation(
            ledger,
            workspace.evidence_dir,
            catalog.get(provision_id),
            statement=statement,
            review_by=review_by,
            by="Dana Demo",
            now=now,
            files=[supporting] if provision_id.startswith("5.1.1") else [],
            demo=True,
        )


__all__ = ["record_attestations"]
