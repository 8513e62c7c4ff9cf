"""The risk register: controls count only when the ledger shows them; appetite and sign-off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sai.ledger import Evidence, Ledger, Origin
from sai.threats.build import build_system
from sai.threats.errors import RulesFileError
from sai.threats.evaluate import evaluate
from sai.threats.files import load_rules
from sai.threats.register import Risk, build_register
from tests.threats._systems import BATCH, RAG_AGENT, demo, manifest

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _register(
    data: dict[str, Any], ledger: Ledger, rules_file: Path | None = None
) -> dict[str, Risk]:
    system = build_system(manifest(data))
    rules = load_rules(rules_file)
    risks = build_register(
        system, evaluate(system, rules.rules), rules, ledger, owner="Risk team", now=NOW
    )
    return {r.threat.id: r for r in risks}


def _request(model: str, *, scanners: list[str], ran: str = "pass") -> Evidence:
    return Evidence.create(
        "gateway.request",
        "chat",
        origin=Origin.control("test"),
        provisions=("5.4.2-1",),
        actor="gateway",
        data={
            "model": model,
            "status": 200,
            "key_id": "k1",
            "guards": {"input": ran, "output": "pass"},
            "guard_policy": {"input": scanners, "output": ["leakage"], "from": []},
        },
        time=NOW - timedelta(hours=1),
    )


class TestControls:
    def test_injection_guard_counts_only_when_it_ran(self, ledger: Ledger) -> None:
        route = "reviewer-assistant@1"
        risk = _register(demo(), ledger)[f"SAI-T001:{route}"]
        assert [c.running for c in risk.controls] == [False, False]
        assert (risk.likelihood, risk.residual_likelihood) == (4, 4)

        skipped = ledger.append(_request(route, scanners=["injection"], ran="not_run"))
        risk = _register(demo(), ledger)[f"SAI-T001:{route}"]
        assert risk.controls[0].running is False

        ran = ledger.append(_request(route, scanners=["injection", "pii"]))
        risk = _register(demo(), ledger)[f"SAI-T001:{route}"]
        injection, access = risk.controls
        assert injection.running
        assert injection.entries == (ran.index,)
        assert access.running  # the request carried an API key
        assert skipped.index not in injection.entries
        assert risk.residual_likelihood == 2  # 4 less one per running control
        assert risk.residual == 2 * risk.impact

    def test_a_person_cannot_stand_in_for_a_control(self, ledger: Ledger) -> None:
        route = "reviewer-assistant@1"
        stated = _request(route, scanners=["injection"])
        ledger.append(
            Evidence.create(
                stated.kind,
                stated.subject,
                actor="someone",
                origin=Origin.person("someone"),
                data=dict(stated.data),
                time=stated.time,
            )
        )
        risk = _register(demo(), ledger)[f"SAI-T001:{route}"]
        assert not any(c.running for c in risk.controls)

    def test_scan_counts_only_on_the_current_digest(self, ledger: Ledger) -> None:
        def scan(digest: str) -> Evidence:
            return Evidence.create(
                "scan.result",
                "credit-risk-model",
                origin=Origin.control("test"),
                actor="sai",
                data={"digest": digest, "verdict": "safe"},
                time=NOW,
            )

        ledger.append(
            Evidence.create(
                "asset.recorded",
                "credit-risk-model",
                origin=Origin.control("test"),
                actor="sai",
                data={"digest": "sha256:" + "a" * 64},
                time=NOW,
            )
        )
        ledger.append(scan("sha256:" + "b" * 64))
        risk = _register(demo(), ledger)["SAI-T014:credit-risk-model"]
        assert risk.controls[0].running is False
        assert risk.controls[0].detail == "the latest scan is of an older digest"
        current = ledger.append(scan("sha256:" + "a" * 64))
        risk = _register(demo(), ledger)["SAI-T014:credit-risk-model"]
        assert risk.controls[0].running
        assert risk.controls[0].entries == (current.index,)


class TestAppetite:
    def test_no_appetite(self, ledger: Ledger) -> None:
        risks = _register(BATCH, ledger)
        assert {r.status for r in risks.values()} == {"no risk appetite"}

    def test_above_medium_needs_sign_off(self, ledger: Ledger) -> None:
        risk = _register(RAG_AGENT, ledger)["SAI-T001:assistant"]
        # L4 x I5 (the model has tools), nothing running: 20, critical > medium
        assert (risk.residual, risk.level.name, risk.status) == (20, "critical", "needs sign-off")
        low = _register(RAG_AGENT, ledger)["SAI-T026:assistant-prompt"]
        assert (low.residual, low.status) == (8, "within appetite")

    def test_signed_acceptance_and_avoidance(self, ledger: Ledger, tmp_path: Path) -> None:
        rules_file = tmp_path / "threats.yaml"
        rules_file.write_text(
            "risks:\n"
            "  - threat: SAI-T001:assistant\n"
            "    treatment: accept\n"
            "    justification: Staff read every answer before it is sent.\n"
            "    approved_by: CISO\n"
            "  - threat: SAI-T022:assistant\n"
            "    treatment: avoid\n"
            "    justification: Image input is switched off at the provider.\n"
            "  - threat: SAI-T007:send-email\n"
            "    treatment: avoid\n",
            encoding="utf-8",
        )
        risks = _register(RAG_AGENT, ledger, rules_file)
        assert risks["SAI-T001:assistant"].status == "accepted above appetite"
        assert risks["SAI-T001:assistant"].approved_by == "CISO"
        assert (risks["SAI-T022:assistant"].residual, risks["SAI-T022:assistant"].status) == (
            0,
            "within appetite",
        )
        assert risks["SAI-T007:send-email"].status == "needs justification"

    def test_unknown_threat_in_decisions(self, ledger: Ledger, tmp_path: Path) -> None:
        rules_file = tmp_path / "threats.yaml"
        rules_file.write_text(
            "risks:\n  - threat: SAI-T001:asistant\n    likelihood: 2\n", encoding="utf-8"
        )
        with pytest.raises(RulesFileError) as caught:
            _register(RAG_AGENT, ledger, rules_file)
        (problem,) = caught.value.problems
        assert problem.line == 2
        assert problem.hint == "did you mean 'SAI-T001:assistant'?"
