"""Supply-chain checks: model files scanned (5.2.3-1), external models justified and risk
assessed (5.2.3-2, 5.2.3-2.1), external components audited (5.1.2-4).

They read ``scan.result``, ``supply_chain.decision`` and ``dependency.audit`` evidence written
by `sai scan`. A scan counts only at the model file's current digest, as the latest inventory
record by sai shows it; a dependency audit counts only against a non-empty, recent advisory
database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import (
    AssetRecorded,
    DependencyAudit,
    Kind,
    ScanResult,
    SupplyChainDecision,
)
from sai.manifest.schema import ModelSpec


def _current_digest(ctx: CheckContext, name: str) -> str | None:
    """The model file's digest in sai's latest inventory record of it."""
    entry = ctx.evidence.latest(kind=Kind.ASSET_RECORDED, subject=name)
    return None if entry is None else AssetRecorded.from_evidence(entry.evidence).digest


def _scan_state(ctx: CheckContext, model: ModelSpec) -> tuple[str, Entry | None]:
    """``ok``, ``missing``, ``unbound`` (no current digest), ``stale``, ``review`` (only
    callables the allow-list does not know) or ``unsafe``."""
    entry = ctx.evidence.latest(kind=Kind.SCAN_RESULT, subject=model.name)
    if entry is None:
        return "missing", None
    scan = ScanResult.from_evidence(entry.evidence)
    current = _current_digest(ctx, model.name)
    if current is not None and current != scan.digest:
        return "stale", entry
    if scan.verdict == "review":
        return "review", entry
    if not scan.safe:
        return "unsafe", entry
    return ("ok" if current is not None else "unbound"), entry


def _first_problem(entry: Entry) -> str:
    scan = ScanResult.from_evidence(entry.evidence)
    if not scan.findings:
        return f"verdict {scan.verdict}"
    first = scan.findings[0]
    return first.callable or first.message or first.rule


class ModelFilesScanned(Check):
    """Every local model file has a clean scan at its current digest."""

    name = "supply_chain.model_scan"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.SCAN_RESULT, Kind.ASSET_RECORDED)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.3-1",)
    freshness: ClassVar[timedelta | None] = timedelta(days=90)
    sufficiency = (
        "a scan by sai of every local model file from the last 90 days, at the digest sai's "
        "latest inventory scan recorded for it (at least one model file)"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        models = [m for m in ctx.manifest.models if m.path is not None]
        if not models:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no model files to scan; declare models with `path:` and "
                "run `sai scan`",
                [ctx.manifest_entry],
            )
        states = {m.name: _scan_state(ctx, m) for m in models}
        used = [e.index for _, e in states.values() if e is not None]
        unsafe = [e for s, e in states.values() if s == "unsafe" and e is not None]
        if unsafe:
            described = [
                f"{ScanResult.from_evidence(e.evidence).path} ({_first_problem(e)})" for e in unsafe
            ]
            return self.result(
                provision,
                Verdict.FAIL,
                f"{len(unsafe)} model files are unsafe to load: {listing(described)}; replace "
                "them from a trusted source or convert to safetensors",
                used,
            )
        review = [e for s, e in states.values() if s == "review" and e is not None]
        if review:
            named = [ScanResult.from_evidence(e.evidence).path for e in review]
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{len(review)} model files call objects the allow-list does not know: "
                f"{listing(named)}; if they are yours, allow them in the scan policy file and "
                "scan again, or replace the files",
                used,
            )
        unbound = [n for n, (s, _) in states.items() if s == "unbound"]
        if unbound:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no inventory record shows the current digest of {listing(unbound)}, so the "
                "scan cannot be tied to the file in use; run `sai inventory scan`",
                used,
            )
        missing = [n for n, (s, _) in states.items() if s == "missing"]
        stale = [
            n
            for n, (s, e) in states.items()
            if s == "stale" or (e is not None and self.is_stale(e, ctx.now))
        ]
        if missing or stale:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"models without a scan at their current digest: {listing(missing + stale)}; "
                "run `sai scan` in the project (it scans every declared model)",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(models)} model files were scanned at their current digest and are safe",
            used,
        )


class ExternalModelDecisions(Check):
    """Each external model has a recorded justification (and a risk assessment)."""

    name = "supply_chain.external_decisions"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.SUPPLY_CHAIN_DECISION,)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.3-2", "5.2.3-2.1")
    sufficiency = (
        "a decision recorded by `sai scan --policy` for every external model (with a risk "
        "assessment and mitigations for 5.2.3-2.1); with no external model there is nothing "
        "to judge"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        external = [m for m in ctx.manifest.models if not m.in_house]
        if not external:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no external model, so there is no decision to show; if "
                "every model is made in-house, exclude this provision with that justification",
                [ctx.manifest_entry],
            )
        entries = {
            m.name: ctx.evidence.latest(kind=Kind.SUPPLY_CHAIN_DECISION, subject=m.name)
            for m in external
        }
        used = [e.index for e in entries.values() if e is not None]
        missing = [name for name, e in entries.items() if e is None]
        if missing:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no recorded decision for external models {listing(missing)}; add them under "
                "`models:` in a scan policy file and run `sai scan --policy FILE`",
                used,
            )
        decisions = {
            name: SupplyChainDecision.from_evidence(e.evidence)
            for name, e in entries.items()
            if e is not None
        }
        if provision.id == "5.2.3-2.1":
            thin = [n for n, d in decisions.items() if not (d.risk_assessment and d.mitigations)]
            if thin:
                return self.result(
                    provision,
                    Verdict.INCONCLUSIVE,
                    f"decisions without a risk assessment and mitigations: {listing(thin)}; "
                    "add `risk_assessment:` and `mitigations:` in the policy file",
                    used,
                )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(external)} external models have a recorded decision"
            + (" with risk assessment and mitigations" if provision.id == "5.2.3-2.1" else ""),
            used,
        )


def _database_age(audit: DependencyAudit, now: datetime) -> timedelta | None:
    """How old the newest advisory of the audit's database was at ``now``; None if unknown."""
    if not audit.database_modified:
        return None
    try:
        newest = datetime.fromisoformat(audit.database_modified.replace("Z", "+00:00"))
    except ValueError:
        return None
    if newest.tzinfo is None:
        newest = newest.replace(tzinfo=UTC)
    return now - newest


class ExternalComponentsAssessed(Check):
    """Dependencies audited against a recent, non-empty advisory database; external models
    scanned."""

    name = "supply_chain.external_components"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.DEPENDENCY_AUDIT,
        Kind.SCAN_RESULT,
        Kind.ASSET_RECORDED,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-4",)
    freshness: ClassVar[timedelta | None] = timedelta(days=30)
    sufficiency = (
        "a dependency audit by sai from the last 30 days against a non-empty advisory "
        "database whose newest advisory is at most `evidence.advisory_max_age_days` (30) old, "
        "and a clean current scan of every external model file"
    )

    # NOTE: one return per distinct reason reads better than a table here.
    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        entry = ctx.evidence.latest(kind=Kind.DEPENDENCY_AUDIT)
        if entry is None or self.is_stale(entry, ctx.now):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no dependency audit in the last 30 days; run `sai scan --deps --osv FILE` "
                "with a current OSV export",
                [entry.index] if entry else [],
            )
        used = [entry.index]
        audit = DependencyAudit.from_evidence(entry.evidence)
        database = f"the advisory database of entry {entry.index} ({audit.database})"
        # pip-audit asks a live service, so its report counts only the advisories it found.
        live = audit.source_format == "pip-audit-json"
        if audit.nothing_checked or not audit.packages or (audit.advisories == 0 and not live):
            why = f"held {audit.advisories} advisories for {len(audit.packages)} packages" + (
                f" ({audit.nothing_checked})" if audit.nothing_checked else ""
            )
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{database} {why}, so the audit checked nothing; audit again with a current "
                "OSV export (`sai scan --deps --osv all.zip`) or pip-audit's JSON report",
                used,
            )
        if audit.vulnerable_total:
            names = [f"{v.package} ({v.id})" for v in audit.vulnerable]
            return self.result(
                provision,
                Verdict.FAIL,
                f"{audit.vulnerable_total} installed packages have known vulnerabilities: "
                f"{listing(names)}; upgrade them or record why they are not exploitable",
                used,
            )
        limit = timedelta(days=ctx.manifest.evidence.advisory_max_age_days)
        age = _database_age(audit, ctx.now)
        if age is None or age > limit:
            when = "of unknown date" if age is None else f"dated {audit.database_modified[:10]}"
            held = "a pip-audit report" if live else f"holds {audit.advisories} advisories"
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{database} {held} but is {when}; audits need "
                f"one no older than {limit.days} days (evidence.advisory_max_age_days)",
                used,
            )
        source = (
            f"pip-audit's service ({audit.database_modified[:10]})"
            if live
            else f"{audit.advisories} advisories (newest {audit.database_modified[:10]})"
        )
        external = [m for m in ctx.manifest.models if not m.in_house and m.path is not None]
        problems = []
        for model in external:
            state, scan = _scan_state(ctx, model)
            if scan is not None:
                used.append(scan.index)
            if state != "ok":
                problems.append(f"{model.name} ({state})")
        if problems:
            return self.result(
                provision,
                Verdict.FAIL if any("unsafe" in p for p in problems) else Verdict.INCONCLUSIVE,
                f"external models not cleanly scanned: {listing(problems)}; run `sai scan`",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"dependency audit clean: {len(audit.packages)} packages against {source}; "
            f"{len(external)} external model files scanned safe",
            used,
        )


__all__ = ["ExternalComponentsAssessed", "ExternalModelDecisions", "ModelFilesScanned"]
