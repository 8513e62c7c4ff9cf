"""The evidence a red-team run writes: one ``redteam.run`` entry per finished run.

The entry carries the binding (what exactly was tested), the tester, the counts and rates as
integers, every finding's category and severity, the classic attacks' figures in basis
points, and the digest of the JSON report, so an exported bundle can prove which report the
entry vouches for. Evidence is created here only, so the move to typed evidence is local.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sai.ledger import Entry, EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import Kind, RedteamAttack, RedteamExport, RedteamFinding, RedteamRun
from sai.redteam.findings import RunSummary

KIND = Kind.REDTEAM_RUN
ORIGIN = Origin.control("redteam.run")
#: LLM runs test security (5.2.5-1/2/2.1), outputs for unintended influence and disclosure
#: (5.2.5-4/4.1), the released model (5.2.3-3, 5.4.1-2) and its robustness to attack (5.1.2-2).
PROVISIONS = (
    "5.1.2-2",
    "5.2.3-3",
    "5.2.5-1",
    "5.2.5-2",
    "5.2.5-2.1",
    "5.2.5-4",
    "5.2.5-4.1",
    "5.4.1-2",
)


def report_digest(report: bytes) -> str:
    return "sha256:" + hashlib.sha256(report).hexdigest()


def subject(summary: RunSummary) -> str:
    return f"redteam/{summary.header['run_id']}"


def run_payload(summary: RunSummary, report: bytes) -> RedteamRun:
    """The entry's payload: integers and strings only (the ledger's JSON has no floats)."""
    header = summary.header
    hits, total = summary.injection_success
    return RedteamRun(
        run_id=str(header["run_id"]),
        kind=str(header.get("kind", "llm")),
        started=header.get("started"),
        tester=str(header.get("tester") or "unknown"),
        complete=summary.complete,
        binding=dict(header.get("binding") or {}),
        target=dict(header.get("target") or {}),
        probes=tuple((header.get("settings") or {}).get("probes", [])),
        planned=summary.planned,
        judged=summary.judged,
        errors=summary.errors,
        worst_severity=summary.worst.value if summary.worst else None,
        injection_success={"hits": hits, "total": total},
        rates={k: {"hits": h, "total": t} for k, (h, t) in summary.rates.items()},
        findings=tuple(
            RedteamFinding(f.category.value, f.severity.value, f.probe, f.hits, f.total)
            for f in summary.findings
        ),
        attacks=tuple(
            RedteamAttack(str(a["attack"]), str(a["category"]), dict(a["metrics"]))
            for a in summary.attacks
        ),
        report_digest=report_digest(report),
    )


def run_evidence(summary: RunSummary, report: bytes, *, time: datetime | None = None) -> Evidence:
    """The ``redteam.run`` entry; the tester is its actor."""
    payload = run_payload(summary, report)
    return Evidence.create(
        Kind.REDTEAM_RUN,
        subject(summary),
        provisions=PROVISIONS,
        actor=payload.tester,
        origin=ORIGIN,
        data=payload.to_data(),
        time=time,
    )


def export_evidence(run: Entry, report: bytes, *, actor: str) -> Evidence:
    """The ``redteam.export`` entry: run ``run`` was handed out as a verifiable bundle."""
    payload = RedteamExport(
        run_id=str(run.evidence.data.get("run_id")),
        report_digest=report_digest(report),
        entry=run.index,
    )
    return Evidence.create(
        Kind.REDTEAM_EXPORT,
        run.evidence.subject,
        provisions=("5.2.5-3",),
        actor=actor,
        origin=Origin.control("redteam.export"),
        data=payload.to_data(),
    )


def record_run(
    ledger: Ledger, summary: RunSummary, report: bytes, *, time: datetime | None = None
) -> EntryRef | None:
    """Append the run's entry once (None when the run is already recorded)."""
    existing = ledger.latest(kind=KIND, subject=subject(summary))
    if existing is not None:
        return None
    return ledger.append(run_evidence(summary, report, time=time))


__all__ = [
    "KIND",
    "ORIGIN",
    "PROVISIONS",
    "export_evidence",
    "record_run",
    "report_digest",
    "run_evidence",
    "run_payload",
]
