"""External components assessed (5.1.2-4): dependencies audited against a recent, non-empty
advisory database, and external models scanned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import ClassVar

from sai.assessment.checks._model_scans import scan_state
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import DependencyAudit, Kind


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
            state, scan = scan_state(ctx, model)
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


__all__ = ["ExternalComponentsAssessed"]
