"""Supply-chain checks: model files scanned (5.2.3-1), external models justified and risk
assessed (5.2.3-2, 5.2.3-2.1), external components audited (5.1.2-4).

They read ``scan.result``, ``supply_chain.decision`` and ``dependency.audit`` evidence written
by `sai scan`. A scan counts only at the model file's current digest, as the latest inventory
record by sai shows it; a dependency audit counts only against a non-empty, recent advisory
database. The dependency audit check lives in `sai.assessment.checks.supply_chain_deps`
(re-exported here).
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks._model_scans import scan_state
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.checks.supply_chain_deps import ExternalComponentsAssessed
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import (
    Kind,
    ScanResult,
    SupplyChainDecision,
)


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
        states = {m.name: scan_state(ctx, m) for m in models}
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


__all__ = ["ExternalComponentsAssessed", "ExternalModelDecisions", "ModelFilesScanned"]
