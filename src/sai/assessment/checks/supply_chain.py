"""Supply-chain checks: model files scanned (5.2.3-1), external models justified and risk
assessed (5.2.3-2, 5.2.3-2.1), external components audited (5.1.2-4).

They read ``scan.result``, ``supply_chain.decision`` and ``dependency.audit`` evidence written
by `sai scan`; a scan counts only if its digest is the model file's latest recorded digest.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.manifest.schema import ModelSpec

SCAN_KIND = "scan.result"
DECISION_KIND = "supply_chain.decision"
AUDIT_KIND = "dependency.audit"
_IN_HOUSE = ("trained-in-house", "in-house", "internal", "local")


def _external(model: ModelSpec) -> bool:
    return not model.source.strip().lower().startswith(_IN_HOUSE)


def _latest_digest(ctx: CheckContext, subject: str) -> str | None:
    """The digest of the model file most recently recorded by anything but a scan."""
    for entry in ctx.evidence.query(subject=subject, descending=True, limit=200):
        digest = entry.evidence.data.get("digest")
        if entry.evidence.kind != SCAN_KIND and isinstance(digest, str):
            return digest
    return None


def _scan_state(ctx: CheckContext, model: ModelSpec) -> tuple[str, Entry | None]:
    """``ok``, ``missing``, ``stale`` or ``unsafe`` for a model's latest scan."""
    scan = ctx.evidence.latest(kind=SCAN_KIND, subject=model.name)
    if scan is None:
        return "missing", None
    recorded = _latest_digest(ctx, model.name)
    if recorded is not None and recorded != scan.evidence.data.get("digest"):
        return "stale", scan
    if scan.evidence.data.get("verdict") != "safe":
        return "unsafe", scan
    return "ok", scan


def _first_problem(scan: Entry) -> str:
    findings = scan.evidence.data.get("findings") or ()
    if not findings:
        return f"verdict {scan.evidence.data.get('verdict')}"
    first = findings[0]
    return str(first.get("callable") or first.get("message") or first.get("rule"))


class ModelFilesScanned(Check):
    """Every local model file has a current, clean scan."""

    name = "supply_chain.model_scan"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.3-1",)
    freshness: ClassVar[timedelta | None] = timedelta(days=90)

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
        unsafe = [(n, e) for n, (s, e) in states.items() if s == "unsafe" and e is not None]
        if unsafe:
            described = [f"{e.evidence.data.get('path')} ({_first_problem(e)})" for _, e in unsafe]
            return self.result(
                provision,
                Verdict.FAIL,
                f"{len(unsafe)} model files are unsafe to load: {listing(described)}; replace "
                "them from a trusted source or convert to safetensors",
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
                f"models without a current scan: {listing(missing + stale)}; run `sai scan` "
                "in the project (it scans every declared model)",
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
    provisions: ClassVar[tuple[str, ...]] = ("5.2.3-2", "5.2.3-2.1")

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        external = [m for m in ctx.manifest.models if _external(m)]
        if not external:
            return self.result(
                provision,
                Verdict.PASS,
                "every model in sai.yaml is trained in-house; no external model needs a "
                "justification",
                [ctx.manifest_entry],
            )
        decisions = {
            m.name: ctx.evidence.latest(kind=DECISION_KIND, subject=m.name) for m in external
        }
        used = [e.index for e in decisions.values() if e is not None]
        missing = [name for name, e in decisions.items() if e is None]
        if missing:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no recorded decision for external models {listing(missing)}; add them under "
                "`models:` in a scan policy file and run `sai scan --policy FILE`",
                used,
            )
        if provision.id == "5.2.3-2.1":
            thin = [
                name
                for name, e in decisions.items()
                if e is not None
                and not (
                    e.evidence.data.get("risk_assessment") and e.evidence.data.get("mitigations")
                )
            ]
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


class ExternalComponentsAssessed(Check):
    """Dependencies audited against a vulnerability database; external models scanned."""

    name = "supply_chain.external_components"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.2-4",)
    freshness: ClassVar[timedelta | None] = timedelta(days=30)

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        audit = ctx.evidence.latest(kind=AUDIT_KIND)
        if audit is None or self.is_stale(audit, ctx.now):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no dependency audit in the last 30 days; run `sai scan --deps --osv FILE` "
                "with a current OSV export",
                [audit.index] if audit else [],
            )
        used = [audit.index]
        vulnerable = audit.evidence.data.get("vulnerable") or ()
        if vulnerable:
            names = [f"{v.get('package')} ({v.get('id')})" for v in vulnerable]
            return self.result(
                provision,
                Verdict.FAIL,
                f"{len(vulnerable)} installed packages have known vulnerabilities: "
                f"{listing(names)}; upgrade them or record why they are not exploitable",
                used,
            )
        external = [m for m in ctx.manifest.models if _external(m) and m.path is not None]
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
            f"dependency audit clean ({len(audit.evidence.data.get('packages') or ())} "
            f"packages) and {len(external)} external model files scanned safe",
            used,
        )


__all__ = ["ExternalComponentsAssessed", "ExternalModelDecisions", "ModelFilesScanned"]
