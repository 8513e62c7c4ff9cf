"""Least privilege (5.1.2-6) and superfluous functionality (5.1.3-1.2) read the tool
permissions that the gateway's logged tool calls never used."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path

from sai.assessment.checks.threats import UnusedCapabilities
from sai.assessment.checks.threats_scope import ToolsLeastPrivilege
from sai.assessment.verdict import Verdict
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from tests.assessment.checks.test_threats import NOW, _model, _project, _review, _verdict
from tests.threats._systems import RAG_AGENT
from tests.threats._traffic import answer

_AVOID_IMAGES = (
    "risks:\n  - threat: SAI-T022:assistant\n    treatment: avoid\n"
    "    justification: Image input is switched off at the provider.\n"
)
_KEEP_MAIL = (
    "  - threat: SAI-T007:send-email\n"
    "    justification: Replies go out rarely, only after a person asks for one.\n"
    "    approved_by: CISO\n"
)


def _reviewed(
    root: Path, ledger: Ledger, calls: list[tuple[str, ...]], rules: str
) -> LoadedManifest:
    data = copy.deepcopy(RAG_AGENT)
    data["tools"][0]["permissions"] = ["mail:send:customer-replies"]
    data["tools"][0]["justification"] = "Sends the answer to the asking customer."
    for hours, names in enumerate(calls, 1):
        answer(ledger, NOW - timedelta(hours=hours), names)
    loaded = _project(root, data, rules)
    _model(ledger, loaded)
    _review(ledger, loaded)
    return loaded


def _both(ledger: Ledger, loaded: LoadedManifest) -> list[tuple[Verdict, str]]:
    return [
        _verdict(ToolsLeastPrivilege(), "5.1.2-6", ledger, loaded),
        _verdict(UnusedCapabilities(), "5.1.3-1.2", ledger, loaded),
    ]


def test_a_permission_no_call_used_fails_both(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = _reviewed(workspace_dir, ledger, [("crm_lookup",), ()], _AVOID_IMAGES)
    for verdict, reason in _both(ledger, loaded):
        assert verdict is Verdict.FAIL, reason
        assert "send-email: mail:send:customer-replies" in reason
        assert "crm-lookup" not in reason
        assert "2 gateway answers (1 with tool calls)" in reason
        assert "SAI-T007 risk in threats.yaml" in reason


def test_kept_with_sign_off_passes_and_says_so(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = _reviewed(workspace_dir, ledger, [("crm_lookup",)], _AVOID_IMAGES + _KEEP_MAIL)
    for verdict, reason in _both(ledger, loaded):
        assert verdict is Verdict.PASS, reason
        assert "kept with sign-off: send-email: mail:send:customer-replies" in reason


def test_every_permission_used_passes(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = _reviewed(workspace_dir, ledger, [("crm_lookup", "send_email")], _AVOID_IMAGES)
    for verdict, reason in _both(ledger, loaded):
        assert verdict is Verdict.PASS, reason
        assert "no permission without a use in 1 gateway answers" in reason


def test_without_traffic_the_reason_says_unused_cannot_be_listed(
    workspace_dir: Path, ledger: Ledger
) -> None:
    loaded = _reviewed(workspace_dir, ledger, [], _AVOID_IMAGES)
    for verdict, reason in _both(ledger, loaded):
        assert verdict is Verdict.PASS, reason
        assert "unused permissions cannot be listed" in reason
