"""Threat-model checks on real `sai threats` evidence for the example systems."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sai.assessment.checks import CheckContext
from sai.assessment.checks.threats import (
    DesignAssessed,
    RisksTreated,
    ThreatModelCurrent,
    ThreatModelled,
    UnusedCapabilities,
)
from sai.assessment.checks.threats_scope import ProvidersVetted, ToolsLeastPrivilege
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.ledger import Attachment, Evidence, Ledger, Origin
from sai.manifest import LoadedManifest, load_manifest
from sai.threats.service import model_system, review_model, vet_provider
from tests.threats._systems import BATCH, RAG_AGENT, write_project

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
_FILE = Attachment("dd.pdf", "sha256:" + "c" * 64, 10, "application/pdf")


def _verdict(
    check: Any, provision: str, ledger: Ledger, loaded: LoadedManifest, now: datetime = NOW
) -> tuple[Verdict, str]:
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=0, now=now)
    result = check.run(load_catalog().get(provision), ctx)
    return result.verdict, result.reason


def _project(root: Path, data: dict[str, Any], rules: str | None = None) -> LoadedManifest:
    if rules is not None:
        (root / "threats.yaml").write_text(rules, encoding="utf-8")
    return load_manifest(write_project(root, data))


def _model(ledger: Ledger, loaded: LoadedManifest, now: datetime = NOW) -> int:
    rules = loaded.root / "threats.yaml"
    made = model_system(
        ledger, loaded, rules_file=rules if rules.exists() else None, actor="tester", now=now
    )
    return made.entry.index


def _review(ledger: Ledger, loaded: LoadedManifest, now: datetime = NOW) -> None:
    rules = loaded.root / "threats.yaml"
    review_model(
        ledger, loaded, rules_file=rules if rules.exists() else None, by="Sam", note=None, now=now
    )


class TestWithoutReview:
    def test_nothing_recorded(self, workspace_dir: Path, ledger: Ledger) -> None:
        loaded = _project(workspace_dir, RAG_AGENT)
        for check, provision in (
            (DesignAssessed(), "5.1.2-1"),
            (ThreatModelCurrent(), "5.1.3-1.1"),
            (ProvidersVetted(), "5.1.2-7"),
            (ToolsLeastPrivilege(), "5.1.2-6"),
        ):
            verdict, reason = _verdict(check, provision, ledger, loaded)
            assert verdict is Verdict.INCONCLUSIVE
            assert "run `sai threats model`" in reason

    def test_unreviewed_model(self, workspace_dir: Path, ledger: Ledger) -> None:
        loaded = _project(workspace_dir, RAG_AGENT)
        index = _model(ledger, loaded)
        verdict, reason = _verdict(ThreatModelled(), "5.1.3-1", ledger, loaded)
        assert verdict is Verdict.INCONCLUSIVE
        assert reason.startswith(f"threat model entry {index} has no review")


class TestRagAgent:
    def test_reviewed(self, workspace_dir: Path, ledger: Ledger) -> None:
        loaded = _project(workspace_dir, RAG_AGENT)
        _model(ledger, loaded)
        _review(ledger, loaded)
        assert _verdict(DesignAssessed(), "5.1.2-1", ledger, loaded)[0] is Verdict.PASS
        assert _verdict(ThreatModelled(), "5.1.3-1", ledger, loaded)[0] is Verdict.PASS
        assert _verdict(ThreatModelCurrent(), "5.1.3-1.1", ledger, loaded)[0] is Verdict.PASS
        verdict, reason = _verdict(ToolsLeastPrivilege(), "5.1.2-6", ledger, loaded)
        assert verdict is Verdict.FAIL
        assert "send-email: wildcard permission 'mail:send:*'" in reason
        verdict, reason = _verdict(UnusedCapabilities(), "5.1.3-1.2", ledger, loaded)
        assert (verdict, "model:assistant" in reason) == (Verdict.FAIL, True)
        verdict, reason = _verdict(RisksTreated(), "5.1.3-1.3", ledger, loaded)
        assert verdict is Verdict.FAIL
        assert "SAI-T001:assistant (needs sign-off)" in reason
        verdict, reason = _verdict(ProvidersVetted(), "5.1.2-7", ledger, loaded)
        assert verdict is Verdict.INCONCLUSIVE
        assert "llm.example.com (missing)" in reason

    def test_fixed_tools_and_decisions(self, workspace_dir: Path, ledger: Ledger) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][0]["permissions"] = ["mail:send:customer-replies"]
        data["tools"][0]["justification"] = "Sends the answer to the asking customer."
        decisions = (
            "risks:\n"
            + "".join(
                f"  - threat: {t}\n    justification: Accepted after the pilot review.\n"
                "    approved_by: CISO\n"
                for t in (
                    "SAI-T001:assistant",
                    "SAI-T002:contract-docs",
                    "SAI-T007:send-email",
                    "SAI-T008:send-email",
                    "SAI-T003:send-email",
                    "SAI-T004:assistant",
                    "SAI-T006:assistant",
                    "SAI-T008:crm-lookup",
                    "SAI-T019:assistant",
                    "SAI-T020:contract-assistant",
                    "SAI-T024:assistant",
                    "SAI-T007:crm-lookup",
                    "SAI-T005:assistant",
                    "SAI-T023:assistant",
                    "SAI-T021:llm.example.com",
                    "SAI-T012:contract-docs",
                )
            )
            + (
                "  - threat: SAI-T022:assistant\n    treatment: avoid\n"
                "    justification: Image input is switched off at the provider.\n"
            )
        )
        loaded = _project(workspace_dir, data, decisions)
        _model(ledger, loaded)
        _review(ledger, loaded)
        assert _verdict(ToolsLeastPrivilege(), "5.1.2-6", ledger, loaded)[0] is Verdict.PASS
        assert _verdict(UnusedCapabilities(), "5.1.3-1.2", ledger, loaded)[0] is Verdict.PASS
        verdict, reason = _verdict(RisksTreated(), "5.1.3-1.3", ledger, loaded)
        assert verdict is Verdict.PASS, reason

    def test_providers(self, workspace_dir: Path, ledger: Ledger) -> None:
        loaded = _project(workspace_dir, RAG_AGENT)
        _model(ledger, loaded)
        vet_provider(
            ledger,
            loaded,
            "llm.example.com",
            adheres="no",
            review_by=date(2027, 6, 30),
            attachment=_FILE,
            by="Sam",
            note=None,
            now=NOW,
        )
        assert _verdict(ProvidersVetted(), "5.1.2-7", ledger, loaded)[0] is Verdict.PASS
        verdict, reason = _verdict(ProvidersVetted(), "5.1.3-3", ledger, loaded)
        assert (verdict, reason.startswith("providers giving no assurance")) == (Verdict.FAIL, True)
        later = datetime(2027, 7, 1, tzinfo=UTC)
        verdict, reason = _verdict(ProvidersVetted(), "5.1.2-7", ledger, loaded, later)
        assert (verdict, "llm.example.com (expired)" in reason) == (Verdict.INCONCLUSIVE, True)

    def test_suppressed_coverage_fails(self, workspace_dir: Path, ledger: Ledger) -> None:
        rules = "".join("suppress:\n" if i == 0 else "" for i in range(1)) + "".join(
            f"  - rule: {r}\n    justification: We judged this not to apply to our system.\n"
            for r in ("SAI-T015", "SAI-T016")
        )
        loaded = _project(workspace_dir, RAG_AGENT, rules)
        _model(ledger, loaded)
        _review(ledger, loaded)
        verdict, reason = _verdict(ThreatModelled(), "5.1.3-1", ledger, loaded)
        assert verdict is Verdict.FAIL
        assert "membership inference, model inversion" in reason


class TestStaleness:
    def test_prompt_change_names_the_entry(self, workspace_dir: Path, ledger: Ledger) -> None:
        loaded = _project(workspace_dir, RAG_AGENT)
        _model(ledger, loaded)
        _review(ledger, loaded)
        change = ledger.append(
            Evidence.create(
                "prompt.version",
                "assistant-prompt",
                origin=Origin.control("test"),
                actor="dev",
                data={"digest": "sha256:" + "d" * 64, "version": 2},
                time=NOW + timedelta(minutes=5),
            )
        )
        later = NOW + timedelta(hours=1)
        verdict, reason = _verdict(ThreatModelCurrent(), "5.1.3-1.1", ledger, loaded, later)
        assert verdict is Verdict.FAIL
        assert f"assistant-prompt changed (entry {change.index})" in reason
        verdict, reason = _verdict(ThreatModelled(), "5.1.3-1", ledger, loaded, later)
        assert (verdict, reason.startswith("the threat model is stale")) == (
            Verdict.INCONCLUSIVE,
            True,
        )

    def test_tool_permission_change_seen_by_a_new_model(
        self, workspace_dir: Path, ledger: Ledger
    ) -> None:
        loaded = _project(workspace_dir, RAG_AGENT)
        _model(ledger, loaded)
        _review(ledger, loaded)
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][1]["permissions"] = ["crm:write:customers"]
        loaded = _project(workspace_dir, data)
        later = NOW + timedelta(hours=1)
        index = _model(ledger, loaded, later)
        verdict, reason = _verdict(ThreatModelCurrent(), "5.1.3-1.1", ledger, loaded, later)
        assert verdict is Verdict.FAIL
        assert f"tool crm-lookup permissions changed (entry {index})" in reason
        assert f"sai.yaml changed (entry {index})" in reason
        _review(ledger, loaded, later)
        assert _verdict(ThreatModelCurrent(), "5.1.3-1.1", ledger, loaded, later)[0] is (
            Verdict.PASS
        )


class TestBatch:
    def test_no_tools_no_providers(self, workspace_dir: Path, ledger: Ledger) -> None:
        loaded = _project(workspace_dir, BATCH)
        _model(ledger, loaded)
        _review(ledger, loaded)
        assert _verdict(ToolsLeastPrivilege(), "5.1.2-6", ledger, loaded)[0] is Verdict.PASS
        assert _verdict(ProvidersVetted(), "5.1.3-3", ledger, loaded)[0] is Verdict.PASS
        verdict, reason = _verdict(RisksTreated(), "5.1.3-1.3", ledger, loaded)
        assert (verdict, reason.startswith("no risk appetite")) == (Verdict.INCONCLUSIVE, True)
        verdict, reason = _verdict(DesignAssessed(), "5.1.2-1", ledger, loaded)
        assert (verdict, "no business need" in reason) == (Verdict.INCONCLUSIVE, True)
