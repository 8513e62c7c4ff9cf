"""5.1.3-2: risks the developers could not resolve, passed on to system operators (briefing,
acknowledged) and end users (known-risks notice); the check on real evidence."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.assessment.checks import CheckContext
from sai.assessment.checks.documents_risks import (
    ThreatsCommunicated,
    _untold_operators,
    _untold_users,
)
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.documents import build_documents, publish_documents
from sai.documents.awareness import acknowledge
from sai.documents.handover import communicated, for_users, handed_over
from sai.documents.risk_advice import advice
from sai.ledger import Ledger
from sai.ledger.kinds import ThreatsModel
from sai.manifest import LoadedManifest
from sai.threats.service import model_system, review_model
from sai.workspace import Workspace
from tests.documents._project import MANIFEST, T0, write_project

NOW = T0 + dt.timedelta(days=1)
OPERATOR = "Otto Runner"


def _verdict(ledger: Ledger, loaded: LoadedManifest, now: dt.datetime = NOW) -> tuple[Verdict, str]:
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
    result = ThreatsCommunicated().run(load_catalog().get("5.1.3-2"), ctx)
    return result.verdict, result.reason


def _model(ledger: Ledger, loaded: LoadedManifest, now: dt.datetime = NOW) -> ThreatsModel:
    rules = loaded.root / "threats.yaml"
    made = model_system(
        ledger, loaded, rules_file=rules if rules.exists() else None, actor="t", now=now
    )
    review_model(
        ledger,
        loaded,
        rules_file=rules if rules.exists() else None,
        by="Sam",
        note=None,
        now=now,
    )
    return ThreatsModel.from_evidence(made.entry.evidence)


def _publish(ledger: Ledger, loaded: LoadedManifest, ws: Workspace, now: dt.datetime = NOW) -> None:
    build_documents(ledger, loaded.manifest, ws.documents_dir, actor="t", now=now)
    publish_documents(ledger, loaded.manifest, ws.documents_dir, ws.public_dir, actor="t", now=now)


def test_without_a_reviewed_threat_model_nothing_passes(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    _publish(ledger, loaded, workspace)
    acknowledge(ledger, loaded.manifest, OPERATOR, "system-operator", now=NOW)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.INCONCLUSIVE
    assert "sai threats model" in reason


def test_unbuilt_documents_are_inconclusive(ledger: Ledger, loaded: LoadedManifest) -> None:
    _model(ledger, loaded)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.INCONCLUSIVE
    assert "briefing-system-operator document was never built" in reason


def test_published_fails_until_the_operator_acknowledges(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    model = _model(ledger, loaded)
    _publish(ledger, loaded, workspace)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.FAIL
    assert OPERATOR in reason
    acknowledge(ledger, loaded.manifest, OPERATOR, "system-operator", now=NOW)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.PASS, reason
    risks = communicated(model)
    users = {r.rule for r in risks if advice(r.category).user is not None}
    assert risks  # the fixed project has residual risks of medium and more
    assert reason.startswith(f"{len(risks)} unresolved risks")
    assert f"the {len(users)} threat rules end users can act on" in reason
    # The acknowledgement lapses after documents.review_days.
    later = NOW + dt.timedelta(days=loaded.manifest.documents.review_days + 1)
    verdict, reason = _verdict(ledger, loaded, later)
    assert verdict is not Verdict.PASS


def test_a_new_decision_makes_the_documents_stale_then_asks_for_a_new_ack(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    _model(ledger, loaded)
    _publish(ledger, loaded, workspace)
    acknowledge(ledger, loaded.manifest, OPERATOR, "system-operator", now=NOW)
    assert _verdict(ledger, loaded)[0] is Verdict.PASS
    (loaded.root / "threats.yaml").write_text(
        "risks:\n  - threat: SAI-T001:assistant\n    communicate: false\n", encoding="utf-8"
    )
    later = NOW + dt.timedelta(hours=1)
    model = _model(ledger, loaded, later)
    assert "SAI-T001:assistant" not in {r.id for r in communicated(model)}
    verdict, reason = _verdict(ledger, loaded, later)
    assert verdict is Verdict.INCONCLUSIVE
    assert "stale: handed_over changed" in reason
    _publish(ledger, loaded, workspace, later)
    verdict, reason = _verdict(ledger, loaded, later)
    assert (verdict, OPERATOR in reason) == (Verdict.FAIL, True)
    acknowledge(ledger, loaded.manifest, OPERATOR, "system-operator", now=later)
    assert _verdict(ledger, loaded, later)[0] is Verdict.PASS


def test_without_a_system_operator_it_is_inconclusive(workspace_dir: Path, ledger: Ledger) -> None:
    data = copy.deepcopy(MANIFEST)
    data["people"]["owners"] = [o for o in data["people"]["owners"] if o["name"] != OPERATOR]
    loaded = write_project(workspace_dir, data)
    _model(ledger, loaded)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.INCONCLUSIVE
    assert "briefing: system-operator" in reason


def test_the_facts_cover_every_communicated_risk(ledger: Ledger, loaded: LoadedManifest) -> None:
    model = _model(ledger, loaded)
    ids = [r.id for r in communicated(model)]
    assert all(r.communicate for r in communicated(model))
    told = handed_over(model)
    assert sorted(i for item in told for i in item["ids"]) == sorted(ids)
    assert all(item["description"] and item["impact"] and item["action"] for item in told)
    rules = {r.rule for r in communicated(model) if advice(r.category).user is not None}
    assert {rule for item in for_users(model) for rule in item["rules"]} == rules


_ITEM: dict[str, Any] = {
    "ids": ["SAI-T001:a"],
    "description": "d",
    "impact": "i",
    "action": "a",
}


@pytest.mark.parametrize(
    "facts",
    [
        {},
        {"handed_over": None},
        {"handed_over": ["not a mapping", 3]},
        {"handed_over": [{**_ITEM, "action": ""}]},
        {"handed_over": [{**_ITEM, "impact": "   "}]},
        {"handed_over": [{**_ITEM, "description": None}]},
        {"handed_over": [{**_ITEM, "ids": ["SAI-T001:b"]}]},
        {"handed_over": [{k: v for k, v in _ITEM.items() if k != "ids"}]},
    ],
)
def test_incomplete_operator_facts_leave_the_risk_untold(facts: dict[str, Any]) -> None:
    assert _untold_operators(["SAI-T001:a"], MappingProxyType(facts)) == ["SAI-T001:a"]


def test_complete_facts_tell_the_risk() -> None:
    assert _untold_operators(["SAI-T001:a"], {"handed_over": (MappingProxyType(_ITEM),)}) == []
    user = {"rules": ("SAI-T001",), "what": "w", "impact": "i", "action": "a"}
    assert _untold_users(["SAI-T001"], {"risks": [user]}) == []
    assert _untold_users(["SAI-T001"], {"risks": [{**user, "action": ""}]}) == ["SAI-T001"]
    assert _untold_users(["SAI-T001"], {"risks": [{**user, "rules": []}]}) == ["SAI-T001"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(
    st.dictionaries(
        st.sampled_from(["handed_over", "risks", "other"]),
        st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    k: _JSON | st.just(["SAI-T001:a", "SAI-T001"])
                    for k in ("ids", "rules", "description", "what", "impact", "action")
                },
            )
            | _JSON,
            max_size=4,
        )
        | _JSON,
    )
)
def test_any_recorded_facts_are_judged_without_crashing(facts: dict[str, Any]) -> None:
    operators = _untold_operators(["SAI-T001:a"], facts)
    users = _untold_users(["SAI-T001"], facts)
    items = facts.get("handed_over")
    told = isinstance(items, list) and any(
        isinstance(i, dict)
        and all(
            isinstance(i.get(f), str) and i[f].strip() for f in ("description", "impact", "action")
        )
        and isinstance(i.get("ids"), list)
        and "SAI-T001:a" in i["ids"]
        for i in items
    )
    assert operators == ([] if told else ["SAI-T001:a"])
    assert users in ([], ["SAI-T001"])
