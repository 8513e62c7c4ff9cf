"""Update notices (5.2.3-4): announcing, finding model changes, and the check that fails on
a change no notice announced a notice period before."""

from __future__ import annotations

import datetime as dt

import pytest

from sai.assessment.checks import CheckContext
from sai.assessment.checks.documents_events import ModelUpdatesNoticed
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.documents.errors import DocumentsError
from sai.documents.updates import announce, model_changes
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from tests.documents._project import DIGEST_A, DIGEST_B, T0, record_digest

MODEL = "ticket-classifier"


def _verdict(ledger: Ledger, loaded: LoadedManifest, now: dt.datetime) -> tuple[Verdict, str]:
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
    result = ModelUpdatesNoticed().run(load_catalog().get("5.2.3-4"), ctx)
    return result.verdict, result.reason


class TestAnnounce:
    def test_records_the_current_digest_and_the_period(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        entry = announce(
            ledger, loaded.manifest, MODEL, dt.date(2026, 3, 20), summary="", actor="t", now=T0
        )
        data = entry.evidence.data
        assert data["current_digest"] == DIGEST_A
        assert data["notice_days"] == 14
        assert data["summary"] == f"A new version of {MODEL} goes live on 2026-03-20."

    def test_a_date_inside_the_notice_period_is_refused(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        # T0 is 2026-03-02: 14 days ahead is 2026-03-16, so the 15th is one day short.
        with pytest.raises(DocumentsError, match="13 days ahead") as caught:
            announce(
                ledger, loaded.manifest, MODEL, dt.date(2026, 3, 15), summary="", actor="t", now=T0
            )
        assert "2026-03-16" in (caught.value.hint or "")

    def test_unknown_model_is_refused(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        with pytest.raises(DocumentsError, match="no model called 'nope'"):
            announce(
                ledger, loaded.manifest, "nope", dt.date(2027, 1, 1), summary="", actor="t", now=T0
            )


class TestModelChanges:
    def test_a_new_digest_is_a_change_the_same_one_is_not(self, ledger: Ledger) -> None:
        record_digest(ledger, MODEL, DIGEST_A, T0 + dt.timedelta(days=1))
        index = record_digest(ledger, MODEL, DIGEST_B, T0 + dt.timedelta(days=2))
        changes = model_changes(ledger, MODEL)
        assert [(c.before, c.after, c.entry) for c in changes] == [(DIGEST_A, DIGEST_B, index)]


class TestCheck:
    def test_no_update_yet_is_inconclusive(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        verdict, reason = _verdict(ledger, loaded, T0)
        assert verdict is Verdict.INCONCLUSIVE
        assert "sai docs update-notice" in reason

    def test_change_without_notice_fails(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        index = record_digest(ledger, MODEL, DIGEST_B, T0 + dt.timedelta(days=30))
        verdict, reason = _verdict(ledger, loaded, T0 + dt.timedelta(days=31))
        assert verdict is Verdict.FAIL
        assert f"{MODEL} (entry {index})" in reason

    def test_notice_too_late_fails(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        # announced for day 40 on day 20, but the model changed on day 25: 5 days' notice
        announce(
            ledger,
            loaded.manifest,
            MODEL,
            dt.date(2026, 4, 11),
            summary="",
            actor="t",
            now=T0 + dt.timedelta(days=20),
        )
        record_digest(ledger, MODEL, DIGEST_B, T0 + dt.timedelta(days=25))
        assert _verdict(ledger, loaded, T0 + dt.timedelta(days=26))[0] is Verdict.FAIL

    def test_notice_in_time_passes_and_covers_one_change_only(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        announce(
            ledger, loaded.manifest, MODEL, dt.date(2026, 3, 20), summary="", actor="t", now=T0
        )
        record_digest(ledger, MODEL, DIGEST_B, T0 + dt.timedelta(days=18))
        verdict, reason = _verdict(ledger, loaded, T0 + dt.timedelta(days=19))
        assert verdict is Verdict.PASS, reason
        record_digest(ledger, MODEL, DIGEST_A, T0 + dt.timedelta(days=40))
        assert _verdict(ledger, loaded, T0 + dt.timedelta(days=41))[0] is Verdict.FAIL
