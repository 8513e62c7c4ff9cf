"""Offline verification of report.json: signature, inclusion proofs, report digest.

Needs nothing but the file and the public key (or its fingerprint) the auditor got from the
owner: no workspace, no database. Without a pinned key nothing is verified (see `_trust`).
Checks follow docs/report-format.md, "How it is bound together". Malformed input raises
ReportFormatError (exit 2; "not a sai report" for anything else); anything that does not
verify is collected as a problem, so one run lists every fault.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sai.assessment.report._consistency import check_consistency
from sai.assessment.report._proofs import (
    ProofRun,
    check_evidence,
    check_witnesses,
    open_report_checkpoint,
)
from sai.assessment.report._trust import KeySource, Trust
from sai.assessment.report.schema import (
    Report,
    ReportFormatError,
    load_report_json,
    parse_report,
)
from sai.errors import SaiError
from sai.ledger.canonical import canonical_json
from sai.ledger.entry import Evidence
from sai.ledger.note import NoteVerifier, b64decode_strict

ASSESSMENT_KIND = "assessment.completed"
_UNSIGNED_MEMBERS = ("ledger", "evidence")


@dataclass(frozen=True)
class ReportVerification:
    """The outcome: what was checked and held (``passed``) and what did not (``problems``)."""

    passed: tuple[str, ...]
    problems: tuple[str, ...]
    key_source: KeySource
    signer: str = ""
    evidence_count: int = 0
    assessment_entry: int = 0
    tree_size: int | None = None
    root: str | None = None
    """The checkpoint root in base64, as in the checkpoint note."""
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "key_source": self.key_source,
            "signer": self.signer,
            "tree_size": self.tree_size,
            "root": self.root,
            "assessment_entry": self.assessment_entry,
            "evidence": self.evidence_count,
            "passed": list(self.passed),
            "problems": list(self.problems),
            "warnings": list(self.warnings),
        }


def report_digest(document: dict[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of the report without ``ledger`` and ``evidence``."""
    body = {key: value for key, value in document.items() if key not in _UNSIGNED_MEMBERS}
    return "sha256:" + hashlib.sha256(canonical_json(body)).hexdigest()


def _check_citations(run: ProofRun, report: Report) -> None:
    present = {item.index for item in report.evidence}
    cited = sorted({index for result in report.results for index in result.evidence})
    missing = [index for index in cited if index not in present]
    for index in missing:
        users = [r.provision for r in report.results if index in r.evidence]
        run.problems.append(
            f"evidence #{index}, cited by {', '.join(users)}, is missing from 'evidence'"
        )
    if not missing:
        run.passed.append(f"every cited ledger entry ({len(cited)}) is included with its proof")


def _check_digest(
    run: ProofRun, report: Report, document: dict[str, Any], entries: dict[int, Evidence]
) -> None:
    index = report.ledger.assessment_entry
    entry = entries.get(index)
    if entry is None:
        run.problems.append(f"the assessment entry #{index} is missing or does not decode")
        return
    if not run.check(
        entry.kind == ASSESSMENT_KIND,
        f"entry #{index} is the {ASSESSMENT_KIND} entry",
        f"entry #{index} has kind {entry.kind!r}, not {ASSESSMENT_KIND!r}",
    ):
        return
    try:
        digest = report_digest(document)
    except SaiError as exc:
        run.problems.append(f"the report body cannot be digested: {exc.message}")
        return
    recorded = entry.data.get("report_digest")
    run.check(
        recorded == digest,
        f"report digest matches assessment entry #{index}",
        f"the report body (digest {digest}) is not the one recorded in assessment entry "
        f"#{index} ({recorded!r}): a verdict, reason or other content was changed",
    )


def _load(report_bytes: bytes) -> tuple[dict[str, Any], Report]:
    """Parse the bytes; ReportFormatError says "not a sai report" for anything else."""
    hint = "pass the report.json that `sai assess` wrote"
    try:
        document = load_report_json(report_bytes)
    except ReportFormatError as exc:
        raise ReportFormatError(f"not a sai report: {exc.message}", hint=hint) from exc
    found = document.get("format")
    if not (isinstance(found, str) and found.startswith("sai.report/")):
        raise ReportFormatError(
            "not a sai report: it has no 'format' member naming a sai.report version", hint=hint
        )
    return document, parse_report(document)


def verify_report(
    report_bytes: bytes,
    *,
    verifier_keys: Sequence[NoteVerifier] | None = None,
    trust: Trust | None = None,
) -> ReportVerification:
    """Verify report.json offline under ``trust`` (``verifier_keys``: shorthand for pinned keys).

    With no pinned key, no fingerprint and no explicit trust in the embedded key, nothing is
    verified and the outcome carries that one problem. Raises ReportFormatError when the
    bytes are not a report of a known format version.
    """
    document, report = _load(report_bytes)
    trust = trust or Trust(keys=tuple(verifier_keys or ()))
    run = ProofRun()
    warnings: list[str] = []
    verifiers, source, refused = trust.verifiers(report.ledger.verifier_key)
    if refused is not None:
        run.problems.append(refused)
        if source == "none":
            return ReportVerification(passed=(), problems=tuple(run.problems), key_source=source)
    run.passed.append(f"report format {report.format}")
    if source == "embedded":
        warnings.append(
            "the checkpoint signature was checked against the key embedded in the report "
            "(--unsafe-trust-embedded-key); pin the owner's key with --key to detect a "
            "re-signed report"
        )
    signed = open_report_checkpoint(run, report, verifiers, source) if verifiers else None
    checkpoint = None if signed is None else signed.checkpoint
    check_witnesses(run, signed, trust)
    entries = check_evidence(run, report, checkpoint)
    _check_citations(run, report)
    _check_digest(run, report, document, entries)
    check_consistency(run, report)
    return ReportVerification(
        passed=tuple(run.passed),
        problems=tuple(run.problems),
        key_source=source,
        signer=", ".join(v.key for v in verifiers),
        evidence_count=len(report.evidence),
        assessment_entry=report.ledger.assessment_entry,
        tree_size=checkpoint.size if checkpoint else None,
        root=base64.b64encode(checkpoint.root).decode("ascii") if checkpoint else None,
        warnings=tuple(warnings),
    )


def cited_entries(report_bytes: bytes) -> dict[int, Evidence]:
    """The evidence entries the report carries (cited ones and the assessment entry), decoded;
    items that do not decode are left out (`verify_report` names them)."""
    _, report = _load(report_bytes)
    entries = {}
    for item in report.evidence:
        try:
            entries[item.index] = Evidence.from_leaf_bytes(b64decode_strict(item.leaf, "leaf"))
        except SaiError:
            continue
    return entries


__all__ = [
    "ASSESSMENT_KIND",
    "ReportVerification",
    "cited_entries",
    "report_digest",
    "verify_report",
]
