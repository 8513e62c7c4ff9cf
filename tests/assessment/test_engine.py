"""The assessment engine end to end on a real ledger: verdicts, binding, proofs."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime
from pathlib import Path

from sai.assessment.attestations import record_attestation
from sai.assessment.checks import CHECKS, Check
from sai.assessment.engine import ASSESSMENT_KIND, record_manifest, run_assessment
from sai.assessment.report_body import body_digest
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import load_catalog
from sai.ledger import Evidence, Ledger, NoteSigner, NoteVerifier, open_checkpoint
from sai.ledger.merkle import leaf_hash, verify_inclusion
from sai.manifest import LoadedManifest
from sai.workspace import open_workspace

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def _assess(
    ledger: Ledger, loaded: LoadedManifest, workspace_dir: Path, checks: tuple[Check, ...] = CHECKS
):
    ws = open_workspace(workspace_dir)
    signer = NoteSigner(ws.settings.key_name, ws.signing_key())
    return run_assessment(
        ledger,
        loaded,
        load_catalog(),
        actor="tester",
        verifier_key=signer.verifier_key(),
        now=NOW,
        checks=checks,
    ), ws


class TestRunAssessment:
    def test_every_applicable_provision_has_a_verdict(
        self, ledger: Ledger, loaded: LoadedManifest, workspace_dir: Path
    ) -> None:
        outcome, _ = _assess(ledger, loaded, workspace_dir)
        applicable = [
            row["provision"] for row in outcome.report["ics"] if row["status"] == "applicable"
        ]
        assert [r["provision"] for r in outcome.report["results"]] == applicable
        assert len(outcome.report["principles"]) == 13
        assert "5.2.2-6" not in applicable
        excluded = [row for row in outcome.report["ics"] if row["status"] == "excluded"]
        assert excluded[0]["basis"].startswith("No cloud service operator")
        # Nothing attested: attestation-only provisions are inconclusive, so overall too.
        assert outcome.overall is Verdict.INCONCLUSIVE

    def test_fail_dominates_overall(
        self, ledger: Ledger, loaded: LoadedManifest, workspace_dir: Path
    ) -> None:
        # confidential training data that the default `user` gateway role can reach (5.1.2-5)
        text = loaded.path.read_text()
        text = text.replace(
            "roles: [developer, system_operator]",
            "roles: [developer, system_operator, data_custodian]",
        )
        text = text.replace(
            "    owner: data-office\n", "    owner: data-office\n    sensitivity: confidential\n"
        )
        loaded.path.write_text(text)
        from sai.manifest import load_manifest

        outcome, _ = _assess(ledger, load_manifest(loaded.path), workspace_dir)
        assert outcome.overall is Verdict.FAIL
        principle_2 = outcome.report["principles"][1]
        assert principle_2["verdict"] == "fail"
        assert principle_2["counts"]["fail"] >= 1

    def test_attested_provision_passes_and_is_cited(
        self, ledger: Ledger, loaded: LoadedManifest, workspace_dir: Path, tmp_path: Path
    ) -> None:
        ref = record_attestation(
            ledger,
            tmp_path,
            load_catalog().get("5.1.2-5.1"),
            statement="Staff report AI risks to the security desk; no blame for reporters.",
            review_by=date(2027, 6, 1),
            by="A. Person",
            now=NOW,
        )
        # Every provision has a check now: drop 5.1.2-5.1's to exercise the attestation path.
        without = tuple(c for c in CHECKS if "5.1.2-5.1" not in c.provisions)
        outcome, _ = _assess(ledger, loaded, workspace_dir, without)
        (result,) = [r for r in outcome.report["results"] if r["provision"] == "5.1.2-5.1"]
        assert result["verdict"] == "pass"
        assert result["evidence"] == [ref.index]

    def test_report_is_bound_to_the_signed_log(
        self, ledger: Ledger, loaded: LoadedManifest, workspace_dir: Path
    ) -> None:
        outcome, ws = _assess(ledger, loaded, workspace_dir)
        report = outcome.report
        verifier = NoteVerifier(ws.settings.key_name, ws.public_key())
        signed = open_checkpoint(report["ledger"]["checkpoint"].encode(), [verifier])
        cited = {i for r in report["results"] for i in r["evidence"]}
        items = {item["index"]: item for item in report["evidence"]}
        assert cited | {outcome.assessment_entry} == set(items)
        for index, item in items.items():
            leaf = base64.b64decode(item["leaf"])
            proof = [base64.b64decode(h) for h in item["proof"]]
            verify_inclusion(
                leaf_hash(leaf), index, signed.checkpoint.size, proof, signed.checkpoint.root
            )
        assessment = Evidence.from_leaf_bytes(
            base64.b64decode(items[outcome.assessment_entry]["leaf"])
        )
        assert assessment.kind == ASSESSMENT_KIND
        body = {k: v for k, v in report.items() if k not in ("ledger", "evidence")}
        assert assessment.data["report_digest"] == body_digest(body)


class TestRecordManifest:
    def test_unchanged_manifest_recorded_once(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        first = record_manifest(ledger, loaded, actor="t", now=NOW)
        assert record_manifest(ledger, loaded, actor="t", now=NOW) == first
        loaded.path.write_text(loaded.path.read_text() + "# changed\n")
        assert record_manifest(ledger, loaded, actor="t", now=NOW) != first


def test_assessment_time_is_written_in_utc_whatever_the_zone() -> None:
    from datetime import timedelta, timezone

    from sai.assessment.ics import build_ics
    from sai.assessment.report_body import build_body
    from sai.catalog import load_catalog
    from sai.manifest import load_manifest_bytes

    catalog = load_catalog()
    manifest = load_manifest_bytes(
        b"version: 1\nname: t\nintended_use: A test of times.\nroles: [developer]\n"
        b"people:\n  owners:\n    - name: O\n  security_contact: s@example.org\n",
        path=Path("sai.yaml"),
    ).manifest
    ics = build_ics(catalog, manifest.roles, {})
    plus_two = datetime(2026, 11, 24, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    results = tuple(
        CheckResult(p.id, Verdict.INCONCLUSIVE, "not yet attested", "attestation", False)
        for p in ics.applicable()
    )
    body = build_body(
        catalog=catalog, manifest=manifest, ics=ics, results=results, assessed_at=plus_two
    )
    assert body["assessed_at"] == "2026-11-24T10:00:00.000000Z"
