"""Ledger evidence of scans, policy decisions and dependency audits.

* ``scan.result`` per artifact: subject is the manifest model name when the file is a declared
  model, else the path relative to the project; provisions 5.2.3-1 (and 5.1.2-4 for models
  from external sources).
* ``supply_chain.decision`` per external model decided in the policy file: 5.2.3-2, 5.2.3-2.1.
* ``dependency.audit`` for the Python environment: 5.1.2-4, 5.2.3-1.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sai.ledger.entry import EntryRef, Evidence
from sai.ledger.kinds import Kind
from sai.ledger.kinds.scanning import (
    DependencyAudit,
    ScanFinding,
    ScanResult,
    SupplyChainDecision,
    VulnerablePackage,
)
from sai.ledger.origin import Origin
from sai.scanning._leaves import ACTOR, MAX_FINDINGS, SCAN_CONTROL
from sai.scanning._paths import Resolver
from sai.scanning._subjects import Subjects
from sai.scanning.declared import DeclaredModel, DeclaredModels
from sai.scanning.result import ArtifactResult, Confidence

if TYPE_CHECKING:  # NOTE: loaded only by scans that have a policy, an audit or a Ledger
    from sai.ledger import Ledger
    from sai.manifest import LoadedManifest
    from sai.manifest.schema import ModelSpec
    from sai.scanning.deps import AuditResult
    from sai.scanning.policy import Policy


SCAN_KIND = Kind.SCAN_RESULT
DECISION_KIND = Kind.SUPPLY_CHAIN_DECISION
AUDIT_KIND = Kind.DEPENDENCY_AUDIT


def is_external(model: ModelSpec | DeclaredModel) -> bool:
    """Whether a model comes from outside the organisation (its ``source`` says so)."""
    return not model.in_house


def declared_model(
    path: Path, manifest: LoadedManifest | DeclaredModels | None
) -> DeclaredModel | None:
    """The manifest model whose ``path`` is this file, if any."""
    return Subjects(manifest, None).of(path)[1] if manifest is not None else None


def scan_evidence(
    result: ArtifactResult,
    *,
    manifest: LoadedManifest | DeclaredModels | None,
    policy: Policy | None,
    root: Path | None,
    time: datetime | None = None,
) -> Evidence:
    """The ``scan.result`` evidence of one artifact (no floats; findings capped)."""
    origin = Origin.control(SCAN_CONTROL)
    return scan_entry_evidence(result, Subjects(manifest, root), origin, policy, time)


def scan_entry_evidence(
    result: ArtifactResult,
    subjects: Subjects,
    origin: Origin,
    policy: Policy | None,
    time: datetime | None,
) -> Evidence:
    """The ``scan.result`` evidence of one artifact of a batch (``origin``: the batch's)."""
    subject, model = subjects.of(result.path)
    name = Path(result.path).name if result.findings else ""
    provisions = ["5.2.3-1"]
    if model is None or is_external(model):
        provisions.append("5.1.2-4")
    payload = ScanResult(
        path=subject,
        digest=result.digest,
        size=result.size,
        format=result.format,
        inner_formats=tuple(result.inner_formats),
        verdict=result.verdict.value,
        findings_total=len(result.findings),
        dangerous_total=sum(
            f.blocking() and f.confidence is Confidence.dangerous for f in result.findings
        ),
        unknown_total=sum(
            f.blocking() and f.confidence is Confidence.unknown for f in result.findings
        ),
        findings=tuple(
            ScanFinding(
                rule=f.rule,
                severity=f.severity.value,
                where=f.where(name),
                message=f.message[:300],
                callable=f.callable or None,
                confidence=f.confidence.value,
            )
            for f in result.findings[:MAX_FINDINGS]
        ),
        model=model.name if model is not None else None,
        source=model.source if model is not None else None,
        policy={"path": str(policy.path), "digest": policy.digest} if policy else None,
        part_of=result.part_of or None,
    )
    return Evidence.create(
        SCAN_KIND,
        model.name if model else subject,
        provisions=tuple(provisions),
        actor=ACTOR,
        origin=origin,
        data=payload.to_data(),
        time=time,
    )


def scans_evidence(
    results: Sequence[ArtifactResult],
    *,
    manifest: LoadedManifest | DeclaredModels | None,
    policy: Policy | None = None,
    root: Path | None = None,
    time: datetime | None = None,
    resolver: Resolver | None = None,
) -> list[Evidence]:
    """One ``scan.result`` per artifact, plus the policy's model decisions (``resolver``: the
    scan's own, so that each path is resolved once)."""
    subjects = Subjects(manifest, root, resolver)
    origin = Origin.control(SCAN_CONTROL)  # validated once per batch, not per entry
    evidence = [scan_entry_evidence(r, subjects, origin, policy, time) for r in results]
    if policy is not None:
        evidence.extend(decision_evidence(policy))
    return evidence


def record_scans(
    ledger: Ledger,
    results: Sequence[ArtifactResult],
    *,
    manifest: LoadedManifest | DeclaredModels | None,
    policy: Policy | None = None,
    root: Path | None = None,
    time: datetime | None = None,
) -> list[EntryRef]:
    """Append one ``scan.result`` per artifact, plus the policy's model decisions."""
    evidence = scans_evidence(results, manifest=manifest, policy=policy, root=root, time=time)
    return ledger.append_many(evidence) if evidence else []


def decision_evidence(policy: Policy) -> list[Evidence]:
    """One ``supply_chain.decision`` per model decision in the policy."""
    return [
        Evidence.create(
            DECISION_KIND,
            decision.name,
            provisions=("5.2.3-2", "5.2.3-2.1"),
            actor=ACTOR,
            origin=Origin.control("scanning.policy"),
            data=SupplyChainDecision(
                justification=decision.justification,
                risk_assessment=decision.risk_assessment or "",
                mitigations=tuple(decision.mitigations),
                approved_by=decision.approved_by or "",
                policy={"path": str(policy.path), "digest": policy.digest},
                allow_extensions=tuple(
                    {"callable": f"{e.module}.{e.name}", "justification": e.justification}
                    for e in policy.document.allow
                ),
            ).to_data(),
        )
        for decision in policy.document.models
    ]


def audit_evidence(
    result: AuditResult,
    subject: str = "python-environment",
    *,
    database_path: str = "",
    database_modified: str | None = None,
    time: datetime | None = None,
) -> Evidence:
    """The ``dependency.audit`` evidence of one environment.

    What a sufficiency rule needs is explicit: ``advisories`` (PyPI advisories in the OSV
    database, or for pip-audit output the distinct ones it reported), ``database_modified``
    (the newest ``modified`` time of the records, ISO 8601 UTC; for pip-audit output the time
    its file was written; empty when unknown; ``database_modified`` overrides it),
    ``source_format`` and the ``database`` digest. An audit that checked nothing says so in
    ``nothing_checked`` (never read as clean).
    """
    payload = DependencyAudit(
        packages=tuple(f"{p.name}=={p.version}" for p in result.packages),
        database=result.database,
        advisories=result.advisories,
        vulnerable=tuple(
            VulnerablePackage(
                id=v.id, package=f"{v.package}=={v.version}", fixed=v.fixed or "", aliases=v.aliases
            )
            for v in result.vulnerabilities[:200]
        ),
        vulnerable_total=len(result.vulnerabilities),
        database_path=database_path,
        database_modified=result.modified if database_modified is None else database_modified,
        database_digest=result.database,
        source_format=result.source_format.value,
        nothing_checked=result.nothing_checked or "",
        skipped=result.skipped[:200],
    )
    return Evidence.create(
        AUDIT_KIND,
        subject,
        provisions=("5.1.2-4", "5.2.3-1"),
        actor=ACTOR,
        origin=Origin.control("scanning.dependency_audit"),
        data=payload.to_data(),
        time=time,
    )


__all__ = [
    "AUDIT_KIND",
    "DECISION_KIND",
    "SCAN_CONTROL",
    "SCAN_KIND",
    "audit_evidence",
    "decision_evidence",
    "declared_model",
    "is_external",
    "record_scans",
    "scan_entry_evidence",
    "scan_evidence",
    "scans_evidence",
]
