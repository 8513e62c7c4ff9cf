"""Attestations: recorded with files by digest, expire, can be withdrawn."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sai.assessment.attestations import (
    evidence_file_path,
    record_attestation,
    withdraw_attestation,
)
from sai.assessment.checks import CheckContext
from sai.assessment.checks.attestation import decide_by_attestation
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.errors import InputError
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.workspace import open_workspace

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _ctx(ledger: Ledger, loaded: LoadedManifest, now: datetime) -> CheckContext:
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    return CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)


class TestRecord:
    def test_pass_with_file_stored_by_digest(
        self, ledger: Ledger, loaded: LoadedManifest, workspace_dir: Path, tmp_path: Path
    ) -> None:
        evidence_dir = open_workspace(workspace_dir).evidence_dir
        plan = tmp_path / "plan.md"
        plan.write_text("training plan")
        provision = load_catalog().get("5.1.1-1")
        ref = record_attestation(
            ledger,
            evidence_dir,
            provision,
            statement="AI security is in the yearly training.",
            review_by=date(2027, 6, 30),
            by="A. Person",
            now=NOW,
            files=[plan],
        )
        entry = ledger.get(ref.index)
        (attachment,) = entry.evidence.attachments
        digest = "sha256:" + hashlib.sha256(b"training plan").hexdigest()
        assert attachment.digest == digest
        assert evidence_file_path(evidence_dir, digest).read_bytes() == b"training plan"
        result = decide_by_attestation(provision, _ctx(ledger, loaded, NOW))
        assert result.verdict is Verdict.PASS
        assert result.evidence == (ref.index,)
        assert "A. Person" in result.reason

    def test_expired_is_inconclusive(
        self, ledger: Ledger, loaded: LoadedManifest, tmp_path: Path
    ) -> None:
        provision = load_catalog().get("5.1.1-1")
        record_attestation(
            ledger,
            tmp_path,
            provision,
            statement="AI security is in the yearly training.",
            review_by=date(2026, 12, 1),
            by="A. Person",
            now=NOW,
        )
        later = NOW + timedelta(days=30)
        result = decide_by_attestation(provision, _ctx(ledger, loaded, later))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "expired on 2026-12-01" in result.reason

    def test_withdrawn_is_inconclusive(
        self, ledger: Ledger, loaded: LoadedManifest, tmp_path: Path
    ) -> None:
        provision = load_catalog().get("5.1.1-1")
        record_attestation(
            ledger,
            tmp_path,
            provision,
            statement="AI security is in the training.",
            review_by=date(2027, 1, 1),
            by="A",
            now=NOW,
        )
        withdraw_attestation(ledger, provision, by="B", reason="course cancelled", now=NOW)
        result = decide_by_attestation(provision, _ctx(ledger, loaded, NOW))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "withdrawn" in result.reason

    def test_missing_is_inconclusive_with_command(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        provision = load_catalog().get("5.1.1-2")
        result = decide_by_attestation(provision, _ctx(ledger, loaded, NOW))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai attest 5.1.1-2" in result.reason


class TestBadInput:
    @pytest.mark.parametrize(
        ("statement", "review_by", "match"),
        [
            ("short", date(2027, 1, 1), "too short"),
            ("A perfectly fine statement.", date(2026, 11, 24), "not in the future"),
        ],
    )
    def test_refused(
        self, ledger: Ledger, tmp_path: Path, statement: str, review_by: date, match: str
    ) -> None:
        size = ledger.size()
        with pytest.raises(InputError, match=match):
            record_attestation(
                ledger,
                tmp_path,
                load_catalog().get("5.1.1-1"),
                statement=statement,
                review_by=review_by,
                by="A",
                now=NOW,
            )
        assert ledger.size() == size

    def test_missing_file_records_nothing(self, ledger: Ledger, tmp_path: Path) -> None:
        size = ledger.size()
        with pytest.raises(InputError, match="not found"):
            record_attestation(
                ledger,
                tmp_path,
                load_catalog().get("5.1.1-1"),
                statement="A perfectly fine statement.",
                review_by=date(2027, 1, 1),
                by="A",
                now=NOW,
                files=[tmp_path / "nope.pdf"],
            )
        assert ledger.size() == size

    def test_withdraw_without_attestation(self, ledger: Ledger) -> None:
        with pytest.raises(InputError, match="no attestation"):
            withdraw_attestation(ledger, load_catalog().get("5.1.1-1"), by="A", reason="", now=NOW)
