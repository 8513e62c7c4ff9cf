"""Run an assessment: record the manifest, decide every applicable provision, bind the result.

The steps, in order: the manifest is recorded in the ledger (the IXIT: the system facts the
checks rely on); the ICS is built from the held roles and exclusions; each applicable provision
is decided by its automated check or, failing one, by attestation; the report body's digest is
appended as an ``assessment.completed`` entry; the log is checkpointed; and every cited entry
gets its inclusion proof at that checkpoint, so the report verifies offline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sai.assessment.checks import CHECKS, Check, CheckContext, checks_by_provision
from sai.assessment.checks.attestation import decide_by_attestation
from sai.assessment.ics import Ics, ics_of
from sai.assessment.report_body import body_digest, build_body
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Catalog, Provision
from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import AssessmentCompleted, Kind, ManifestRecorded, PayloadError
from sai.ledger.rollup_log import RollupCheck
from sai.manifest import LoadedManifest

MANIFEST_KIND = Kind.MANIFEST_RECORDED
ASSESSMENT_KIND = Kind.ASSESSMENT_COMPLETED
_ORIGIN = Origin.control("assessment")


@dataclass(frozen=True)
class AssessmentOutcome:
    """The result of one assessment run: the full report and its key facts."""

    report: dict[str, Any]
    overall: Verdict
    ics: Ics
    results: tuple[CheckResult, ...]
    assessment_entry: int


def record_manifest(ledger: Ledger, loaded: LoadedManifest, *, actor: str, now: datetime) -> int:
    """Record the manifest's text in the ledger unless the latest record is identical."""
    text = loaded.path.read_text(encoding="utf-8")
    digest = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    subject = loaded.manifest.name
    previous = ledger.latest(kind=MANIFEST_KIND, subject=subject)
    if (
        previous is not None
        and previous.evidence.origin.is_control
        and previous.evidence.data.get("digest") == digest
    ):
        return previous.index
    evidence = Evidence.create(
        MANIFEST_KIND,
        subject,
        actor=actor,
        origin=_ORIGIN,
        data=ManifestRecorded(digest=digest, file=loaded.path.name, text=text).to_data(),
        time=now,
    )
    return ledger.append(evidence).index


def decide_one(check: Check, provision: Provision, ctx: CheckContext) -> CheckResult:
    """Run ``check`` on ``provision``; malformed evidence makes it inconclusive, not a crash."""
    try:
        return check.run(provision, ctx)
    except PayloadError as error:
        reason = (
            f"evidence the check relies on is malformed ({error}); rerun the control that "
            "records it"
        )
        return check.result(provision, Verdict.INCONCLUSIVE, reason)


def decide(ics: Ics, ctx: CheckContext, checks: Mapping[str, Check]) -> tuple[CheckResult, ...]:
    """The verdict of every applicable provision, in catalog order."""
    results = []
    for provision in ics.applicable():
        check = checks.get(provision.id)
        if check is None:
            results.append(decide_by_attestation(provision, ctx))
        else:
            results.append(decide_one(check, provision, ctx))
    return tuple(results)


def run_assessment(
    ledger: Ledger,
    loaded: LoadedManifest,
    catalog: Catalog,
    *,
    actor: str,
    verifier_key: str,
    now: datetime | None = None,
    checks: tuple[Check, ...] = CHECKS,
    rollups: RollupCheck | None = None,
) -> AssessmentOutcome:
    """Assess the system against every applicable provision and return the verifiable report.

    ``rollups``: the gateway roll-ups recomputed beforehand (`verify_rollups`); the gateway
    checks fail when one disagrees with its entries.
    """
    now = now or datetime.now(UTC)
    manifest = loaded.manifest
    manifest_entry = record_manifest(ledger, loaded, actor=actor, now=now)
    ics = ics_of(catalog, manifest)
    ctx = CheckContext(
        ledger=ledger, manifest=manifest, manifest_entry=manifest_entry, now=now, rollups=rollups
    )
    results = decide(ics, ctx, checks_by_provision(checks))
    body = build_body(catalog=catalog, manifest=manifest, ics=ics, results=results, assessed_at=now)
    overall = Verdict(body["overall"])
    assessment = ledger.append(
        Evidence.create(
            ASSESSMENT_KIND,
            manifest.name,
            actor=actor,
            origin=_ORIGIN,
            data=AssessmentCompleted(
                report_digest=body_digest(body),
                overall=overall.value,
                counts={v.value: sum(r.verdict is v for r in results) for v in Verdict},
            ).to_data(),
            time=now,
        )
    )
    signed = ledger.checkpoint()
    size = signed.checkpoint.size
    cited = sorted({index for result in results for index in result.evidence} | {assessment.index})
    evidence_items = [
        ledger.prove(index, size).evidence_json(ledger.get(index).evidence.leaf_bytes())
        for index in cited
    ]
    report = {
        **body,
        "ledger": {
            "origin": signed.checkpoint.origin,
            "checkpoint": signed.to_bytes().decode("utf-8"),
            "verifier_key": verifier_key,
            "assessment_entry": assessment.index,
        },
        "evidence": evidence_items,
    }
    return AssessmentOutcome(
        report=report,
        overall=overall,
        ics=ics,
        results=results,
        assessment_entry=assessment.index,
    )


__all__ = [
    "ASSESSMENT_KIND",
    "MANIFEST_KIND",
    "AssessmentOutcome",
    "decide_one",
    "record_manifest",
    "run_assessment",
]
