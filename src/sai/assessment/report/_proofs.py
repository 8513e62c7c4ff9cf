"""The ledger side of verifying report.json: the checkpoint's signature and witnesses, and
each cited entry's leaf and inclusion proof (used by `sai.assessment.report.verify`)."""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Sequence
from datetime import UTC

from sai.assessment.report._trust import Trust
from sai.assessment.report.schema import Report
from sai.errors import SaiError
from sai.ledger.checkpoint import Checkpoint, SignedCheckpoint, open_checkpoint
from sai.ledger.entry import Evidence
from sai.ledger.merkle import leaf_hash, verify_inclusion
from sai.ledger.note import NoteVerifier, b64decode_strict


class ProofRun:
    """Collects passed checks and problems while verifying one report."""

    def __init__(self) -> None:
        self.passed: list[str] = []
        self.problems: list[str] = []

    def check(self, held: bool, passed: str, problem: str) -> bool:
        (self.passed if held else self.problems).append(passed if held else problem)
        return held


def open_report_checkpoint(
    run: ProofRun, report: Report, verifiers: Sequence[NoteVerifier], source: str
) -> SignedCheckpoint | None:
    try:
        signed = open_checkpoint(
            report.ledger.checkpoint.encode("utf-8"), verifiers, origin=report.ledger.origin
        )
    except SaiError as exc:
        run.problems.append(f"checkpoint: {exc.message}")
        return None
    except UnicodeEncodeError:
        run.problems.append("checkpoint: the note is not valid UTF-8 text")
        return None
    keys = ", ".join(v.key for v in verifiers)
    run.passed.append(f"checkpoint signature ({source} key {keys})")
    run.passed.append(f"checkpoint origin is the ledger origin {report.ledger.origin}")
    head = signed.checkpoint
    root = base64.b64encode(head.root).decode("ascii")
    run.passed.append(f"checkpoint at tree size {head.size}, root (base64) {root}")
    return signed


def check_witnesses(run: ProofRun, signed: SignedCheckpoint | None, trust: Trust) -> None:
    for witness in trust.witnesses:
        found = None if signed is None else witness.find(signed)
        if found is None:
            run.problems.append(
                f"the checkpoint carries no valid cosignature by the witness {witness.key}: "
                "that witness has not vouched for this log state"
            )
        else:
            when = found.time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            run.passed.append(f"cosigned by the witness {witness.key} at {when}")


def check_evidence(
    run: ProofRun, report: Report, checkpoint: Checkpoint | None
) -> dict[int, Evidence]:
    entries: dict[int, Evidence] = {}
    proven = 0
    for index, count in Counter(item.index for item in report.evidence).items():
        if count > 1:
            run.problems.append(f"evidence #{index} appears {count} times")
    for item in report.evidence:
        where = f"evidence #{item.index}"
        try:
            # Canonical base64 only: one spelling per byte string, so nothing varies unnoticed.
            leaf = b64decode_strict(item.leaf, "the leaf")
            proof = [b64decode_strict(step, f"proof step {n}") for n, step in enumerate(item.proof)]
        except SaiError as exc:
            run.problems.append(f"{where}: {exc.message}")
            continue
        try:
            entries[item.index] = Evidence.from_leaf_bytes(leaf)
        except SaiError as exc:
            run.problems.append(f"{where}: the leaf is not an evidence entry ({exc.message})")
        if checkpoint is None:
            continue
        try:
            verify_inclusion(leaf_hash(leaf), item.index, checkpoint.size, proof, checkpoint.root)
        except SaiError as exc:
            run.problems.append(f"{where}: {exc.message}")
        else:
            proven += 1
    if checkpoint is None:
        run.problems.append("inclusion proofs not checked: there is no trusted checkpoint")
    elif proven == len(report.evidence):
        run.passed.append(f"{proven} inclusion proofs at tree size {checkpoint.size}")
    decoded = len(entries)
    if decoded == len(report.evidence):
        run.passed.append(f"{decoded} evidence leaves decode as evidence entries")
    return entries


__all__ = ["ProofRun", "check_evidence", "check_witnesses", "open_report_checkpoint"]
