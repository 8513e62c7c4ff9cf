"""The document checks end to end: nothing built, built but unpublished, published and
current, stale after a fact changed, and the findings each check fails on."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from sai.assessment.checks import CHECKS, CheckContext
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.documents import Sources, build_documents, publish_documents, status
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace
from tests.documents._project import DIGEST_B, MANIFEST, T0, record_digest, write_project

NOW = T0 + dt.timedelta(days=1)
PUBLISHED_ONLY = ("5.2.4-1", "5.2.2-4", "5.3.1-1", "5.3.1-2", "5.1.4-5", "5.3.1-3", "5.2.3-2.2")


def _verdicts(
    ledger: Ledger, loaded: LoadedManifest, now: dt.datetime
) -> dict[str, tuple[Verdict, str]]:
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
    catalog = load_catalog()
    out = {}
    for check in CHECKS:
        if not check.name.startswith("documents."):
            continue
        for pid in check.provisions:
            result = check.run(catalog.get(pid), ctx)
            out[pid] = (result.verdict, result.reason)
    return out


def _publish(ledger: Ledger, loaded: LoadedManifest, ws: Workspace, now: dt.datetime) -> None:
    build_documents(ledger, loaded.manifest, ws.documents_dir, actor="t", now=now)
    publish_documents(ledger, loaded.manifest, ws.documents_dir, ws.public_dir, actor="t", now=now)


class TestLifecycle:
    def test_nothing_built_is_inconclusive_naming_the_command(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        for pid, (verdict, _reason) in _verdicts(ledger, loaded, NOW).items():
            assert verdict is not Verdict.PASS, pid
        verdict, reason = _verdicts(ledger, loaded, NOW)["5.2.4-1"]
        assert verdict is Verdict.INCONCLUSIVE
        assert "sai docs build" in reason

    def test_built_but_unpublished(
        self, ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
    ) -> None:
        build_documents(ledger, loaded.manifest, workspace.documents_dir, actor="t", now=NOW)
        verdict, reason = _verdicts(ledger, loaded, NOW)["5.3.1-1"]
        assert verdict is Verdict.INCONCLUSIVE
        assert "sai docs publish" in reason

    def test_published_documents_pass_and_go_stale(
        self, ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
    ) -> None:
        _publish(ledger, loaded, workspace, NOW)
        verdicts = _verdicts(ledger, loaded, NOW)
        for pid in PUBLISHED_ONLY:
            assert verdicts[pid][0] is Verdict.PASS, (pid, verdicts[pid])
        record_digest(ledger, "ticket-classifier", DIGEST_B, NOW)
        verdict, reason = _verdicts(ledger, loaded, NOW)["5.2.4-1"]
        assert verdict is Verdict.INCONCLUSIVE
        assert "stale: models changed" in reason

    def test_security_txt_expires(
        self, ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
    ) -> None:
        _publish(ledger, loaded, workspace, NOW)
        verdict, reason = _verdicts(ledger, loaded, NOW + dt.timedelta(days=183))["5.2.2-4"]
        assert verdict is Verdict.FAIL
        assert "expired" in reason


class TestStaleness:
    def test_a_changed_limitation_names_the_facts_that_changed(
        self, ledger: Ledger, workspace_dir: Path, workspace: Workspace, loaded: LoadedManifest
    ) -> None:
        build_documents(ledger, loaded.manifest, workspace.documents_dir, actor="t", now=NOW)
        data = copy.deepcopy(MANIFEST)
        data["models"][0]["card"]["limitations"].append("Slow on Mondays.")
        changed = write_project(workspace_dir, data).manifest
        st = status(Sources(changed, ledger), "user-guide")
        assert st.changed == ("failure_modes",)
        assert status(Sources(changed, ledger), "disclosure-policy").changed == ()

    def test_publish_refuses_a_stale_document(
        self, ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
    ) -> None:
        from sai.documents.errors import DocumentsError

        build_documents(ledger, loaded.manifest, workspace.documents_dir, actor="t", now=NOW)
        record_digest(ledger, "ticket-classifier", DIGEST_B, NOW)
        with pytest.raises(DocumentsError, match="system-card version 1 is stale: models"):
            publish_documents(
                ledger,
                loaded.manifest,
                workspace.documents_dir,
                workspace.public_dir,
                actor="t",
                now=NOW,
            )

    def test_publish_refuses_an_edited_file(
        self, ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
    ) -> None:
        from sai.documents.errors import DocumentsError

        build_documents(ledger, loaded.manifest, workspace.documents_dir, actor="t", now=NOW)
        page = workspace.documents_dir / "data-use" / "v1.html"
        page.write_text(page.read_text("utf-8") + "<p>edited</p>", encoding="utf-8")
        with pytest.raises(DocumentsError, match="differs from what entry"):
            publish_documents(
                ledger,
                loaded.manifest,
                workspace.documents_dir,
                workspace.public_dir,
                actor="t",
                now=NOW,
            )


class TestFindings:
    def test_unjustified_component_fails(
        self, ledger: Ledger, workspace_dir: Path, workspace: Workspace
    ) -> None:
        data = copy.deepcopy(MANIFEST)
        data["documents"]["justifications"] = []
        loaded = write_project(workspace_dir, data)
        _publish(ledger, loaded, workspace, NOW)
        verdict, reason = _verdicts(ledger, loaded, NOW)["5.2.3-2.2"]
        assert verdict is Verdict.FAIL
        assert "assistant" in reason

    def test_no_prohibited_use_fails_5_1_4_5(
        self, ledger: Ledger, workspace_dir: Path, workspace: Workspace
    ) -> None:
        data = copy.deepcopy(MANIFEST)
        data["prohibited_uses"] = []
        loaded = write_project(workspace_dir, data)
        _publish(ledger, loaded, workspace, NOW)
        verdicts = _verdicts(ledger, loaded, NOW)
        assert verdicts["5.1.4-5"][0] is Verdict.FAIL
        assert verdicts["5.3.1-2"][0] is Verdict.PASS

    def test_a_hard_notice_fails_the_readability_floor(
        self, ledger: Ledger, workspace_dir: Path, workspace: Workspace
    ) -> None:
        data = copy.deepcopy(MANIFEST)
        data["documents"]["readability_floor"] = 100
        loaded = write_project(workspace_dir, data)
        _publish(ledger, loaded, workspace, NOW)
        verdict, reason = _verdicts(ledger, loaded, NOW)["5.3.1-1"]
        assert verdict is Verdict.FAIL
        assert "under the floor of 100" in reason

    def test_an_advisory_after_the_last_publication_fails_the_feed_check(
        self, ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
    ) -> None:
        from sai.documents.advisory import issue_advisory

        _publish(ledger, loaded, workspace, NOW)
        assert _verdicts(ledger, loaded, NOW)["5.3.1-2.2"][0] is Verdict.PASS
        issue_advisory(
            ledger,
            loaded.manifest,
            workspace.documents_dir,
            title="t",
            severity="low",
            summary="s",
            remediation="r",
            products=["assistant"],
            advisory_id=None,
            actor="t",
            now=NOW,
        )
        verdict, reason = _verdicts(ledger, loaded, NOW)["5.4.1-1"]
        assert verdict is Verdict.FAIL
        assert "sai docs publish" in reason
