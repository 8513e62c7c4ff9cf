"""Disposal checks (5.5.1-1, 5.5.1-2): verified, custodian-approved erasure and transfer.

They read what `sai dispose`, `sai transfer` and `sai decommission` recorded: approvals,
completed disposals (the certificate's fields) and transfers.
"""

from __future__ import annotations

from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import DisposalCompleted, KeyDestroyed, Kind, PayloadError

#: The origin of `sai dispose baseline-sample` (sai.disposal.baseline_erase.ORIGIN; the checks
#: do not import the disposal package).
_SAMPLE_ERASURE = "disposal.erase_baseline_sample"


def _sample_problems(name: str, done: DisposalCompleted) -> list[str]:
    """A dataset's disposal lists the monitoring baselines frozen from it that keep a sealed
    sample; each sample's key must be gone (a certificate without the list predates it)."""
    samples = done.sanitization.get("baseline_samples")
    if done.asset.get("kind") != "dataset" or not samples:
        return []
    remaining = done.verification.get("baseline_keys_remaining")
    if not isinstance(remaining, (list, tuple)):
        return [f"{name}: no check that its monitoring baselines' sealed samples were erased"]
    if remaining:
        keys = ", ".join(str(k) for k in remaining)
        return [f"{name}: monitoring baseline samples still open ({keys})"]
    return []


def _problems(entry: Entry, approvals: dict[int, Entry]) -> list[str]:
    """What is wrong with one completed disposal (empty when it is sound)."""
    try:
        done = DisposalCompleted.from_evidence(entry.evidence)
    except PayloadError as exc:
        return [f"entry {entry.index} is malformed ({exc})"]
    name = entry.evidence.subject
    found: list[str] = []
    if done.verification.get("result") != "passed":
        found.append(f"{name}: verification did not pass")
    if done.verification.get("key_copies_remaining"):
        found.append(f"{name}: key copies remain")
    found += _sample_problems(name, done)
    approval = approvals.get(done.approval)
    if approval is None or approval.evidence.subject not in (name, done.system):
        found.append(f"{name}: no data custodian's approval precedes it")
    elif approval.evidence.data.get("custodian") != done.approved_by:
        found.append(f"{name}: the approval names another custodian")
    return found


def _sample_erasures(ctx: CheckContext) -> tuple[list[int], list[str]]:
    """The baseline-sample erasures on their own (entries) and those that left a key open."""
    used: list[int] = []
    problems: list[str] = []
    for entry in ctx.evidence.query(kind=Kind.KEY_DESTROYED):
        if entry.evidence.origin.name != _SAMPLE_ERASURE:
            continue
        used.append(entry.index)
        try:
            remaining = KeyDestroyed.from_evidence(entry.evidence).remaining
        except PayloadError as exc:
            problems.append(f"entry {entry.index} is malformed ({exc})")
            continue
        if remaining:
            problems.append(f"{entry.evidence.subject}: sample key still open ({remaining[0]})")
    return used, problems


def _approvals(ctx: CheckContext) -> dict[int, Entry]:
    return {e.index: e for e in ctx.evidence.query(kind=Kind.DISPOSAL_APPROVED)}


class DisposalVerified(Check):
    """Disposed assets were crypto-erased or cleared with a custodian's approval, verified."""

    name = "disposal.verified"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.DISPOSAL_COMPLETED,
        Kind.DISPOSAL_APPROVED,
        Kind.KEY_DESTROYED,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.5.1-2",)
    sufficiency = (
        "every disposal.completed by sai passed its verification (no key copy, no file with "
        "the asset's digest, no open key of a monitoring baseline sample frozen from a "
        "disposed dataset) after a named data custodian's approval, and every baseline sample "
        "erased on its own left no key copy; no disposal yet is inconclusive"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        completed = ctx.evidence.query(kind=Kind.DISPOSAL_COMPLETED)
        erasures, erasure_problems = _sample_erasures(ctx)
        if not completed and not erasure_problems:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no disposal is recorded: when an asset or the system is retired, a data "
                "custodian approves and sai erases it (`sai dispose approve NAME --by PERSON`, "
                "`sai dispose NAME --reason TEXT --out CERT.json`, or `sai decommission`)",
            )
        approvals = _approvals(ctx)
        problems = [p for e in completed for p in _problems(e, approvals)]
        used = [e.index for e in completed] + [
            DisposalCompleted.from_evidence(e.evidence).approval
            for e in completed
            if not any(p.startswith(f"entry {e.index} ") for p in problems)
        ]
        used += erasures
        problems += erasure_problems
        if problems:
            return self.result(
                provision, Verdict.FAIL, f"disposals fall short: {listing(problems)}", used
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(completed)} disposals were approved by a data custodian and verified "
            "(no key copy left, no file holding the asset's bytes)",
            used,
        )


class TransferCustodied(Check):
    """Assets handed to a new owner went encrypted, with approval, and local copies erased."""

    name = "disposal.transfer"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.ASSET_TRANSFERRED,
        Kind.DISPOSAL_COMPLETED,
        Kind.DISPOSAL_APPROVED,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.5.1-1",)
    sufficiency = (
        "every asset.transferred by sai is followed by a verified, custodian-approved "
        "disposal of the local copies naming that recipient; no transfer yet is inconclusive"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        transfers = ctx.evidence.query(kind=Kind.ASSET_TRANSFERRED)
        if not transfers:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no transfer of a model or data to another owner is recorded; when one changes "
                "hands run `sai transfer ASSET --to RECIPIENT_PUBLIC_KEY`",
            )
        approvals = _approvals(ctx)
        used: list[int] = []
        problems: list[str] = []
        for moved in transfers:
            used.append(moved.index)
            asset = moved.evidence.subject
            recipient = str(moved.evidence.data.get("recipient"))
            after = [
                e
                for e in ctx.evidence.query(kind=Kind.DISPOSAL_COMPLETED, subject=asset)
                if e.index > moved.index
                and str(e.evidence.data.get("reason", "")).startswith(f"transferred to {recipient}")
            ]
            if not after:
                problems.append(f"{asset}: local copies not disposed of after the transfer")
                continue
            used.append(after[0].index)
            problems += _problems(after[0], approvals)
        if problems:
            return self.result(
                provision, Verdict.FAIL, f"transfers fall short: {listing(problems)}", used
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(transfers)} transfers went encrypted to the recipient's key, with a data "
            "custodian's approval, and the local copies were erased and verified",
            used,
        )


__all__ = ["DisposalVerified", "TransferCustodied"]
