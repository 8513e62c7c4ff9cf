"""5.2.2-6: the contract with every cloud provider that helps deliver the system supports
the requirements of principle 6 that apply.

What the contract says is a person's reading of it; what a machine can verify is that the
reading is complete and current: every provider the current threat model finds in sai.yaml
(upstream hosts, route base URLs, remote model endpoints) has a ``threats.contract`` entry
from `sai threats contract`, with the contract attached by digest, before its review-by date,
naming every applicable, non-excluded requirement among 5.2.2-1 to 5.2.2-5.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sai.assessment.checks._threats_common import READS, threat_state
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision, load_catalog
from sai.ledger import Entry
from sai.ledger.kinds import Kind, PayloadError
from sai.ledger.kinds.threats import ThreatsContract
from sai.threats.record import CONTRACT_REQUIREMENTS

RECORD = (
    "run `sai threats contract PROVIDER --file CONTRACT --supports 5.2.2-1 ... "
    "--review-by YYYY-MM-DD`"
)


def required(ctx: CheckContext) -> tuple[str, ...]:
    """The requirements of principle 6 a contract must support: those binding a held role
    and not excluded in sai.yaml."""
    catalog = load_catalog()
    excluded = {ex.provision for ex in ctx.manifest.exclusions}
    held = set(ctx.manifest.roles)
    return tuple(
        p for p in CONTRACT_REQUIREMENTS if catalog.get(p).roles & held and p not in excluded
    )


_GAP = "does not support "


def _contract(
    ctx: CheckContext, provider: str, needed: tuple[str, ...]
) -> tuple[Entry | None, str]:
    """The newest contract entry of ``provider`` and what is wrong with it ("" when nothing;
    a missing requirement starts with ``_GAP``, anything else means no usable record)."""
    entry = ctx.evidence.latest(kind=Kind.THREATS_CONTRACT, subject=provider)
    if entry is None:
        return None, "no contract recorded"
    try:
        payload = ThreatsContract.from_evidence(entry.evidence)
        review_by = date.fromisoformat(payload.review_by)
    except (PayloadError, ValueError):
        return entry, "malformed entry"
    if review_by < ctx.now.date():
        return entry, f"review was due {review_by}"
    attached = {a.digest for a in entry.evidence.attachments}
    if payload.file not in attached:
        return entry, "contract file not attached"
    gaps = [p for p in needed if p not in payload.supports]
    if gaps:
        return entry, _GAP + ", ".join(gaps)
    return entry, ""


class CloudContractsSupport(Check):
    """5.2.2-6: every cloud provider's contract is recorded, current and complete."""

    name = "threats.cloud_contracts"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.2-6",)
    reads: ClassVar[tuple[Kind, ...]] = (*READS, Kind.THREATS_CONTRACT)
    sufficiency: ClassVar[str] = (
        "for every provider element of the current threat model (at least one), a "
        "threats.contract entry before its review-by date, with the contract attached, that "
        "supports every applicable, non-excluded provision among 5.2.2-1 to 5.2.2-5"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        state = threat_state(ctx)
        if isinstance(state, str):
            return self.result(provision, Verdict.INCONCLUSIVE, state, [ctx.manifest_entry])
        providers = [str(e["name"]) for e in state.payload.elements if e.get("kind") == "provider"]
        if not providers:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"threat model entry {state.model.index} names no cloud provider, so no "
                "contract can be judged; if none delivers the system, exclude 5.2.2-6 in "
                "sai.yaml with that justification",
                state.used,
            )
        needed = required(ctx)
        found = {p: _contract(ctx, p, needed) for p in providers}
        used = [*state.used, *(e.index for e, _ in found.values() if e is not None)]
        missing = [
            f"{p} ({why})" for p, (_, why) in found.items() if why and not why.startswith(_GAP)
        ]
        if missing:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"providers without a current contract record: {listing(missing)}; {RECORD}",
                used,
            )
        lacking = [f"{p} ({why})" for p, (_, why) in found.items() if why]
        if lacking:
            return self.result(
                provision,
                Verdict.FAIL,
                f"contracts that do not support compliance: {listing(lacking)}; agree the "
                f"missing terms with the provider, then {RECORD}",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(providers)} cloud provider contract{'s' if len(providers) != 1 else ''} "
            f"recorded and current, each supporting {', '.join(needed) or 'every requirement'}",
            used,
        )


__all__ = ["CloudContractsSupport", "required"]
