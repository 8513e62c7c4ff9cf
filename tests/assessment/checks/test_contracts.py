"""5.2.2-6: contracts with the cloud providers the threat model finds, on real records."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from sai.assessment.checks import CheckContext
from sai.assessment.checks.contracts import CloudContractsSupport
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.ledger import Attachment, Evidence, Ledger, Origin
from sai.ledger.kinds import Kind
from sai.ledger.kinds.threats import ThreatsContract
from sai.manifest import LoadedManifest, load_manifest
from sai.threats.errors import ThreatsError
from sai.threats.service import model_system, record_provider_contract
from tests.threats._systems import BATCH, RAG_AGENT, write_project

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
_FILE = Attachment("contract.pdf", "sha256:" + "d" * 64, 10, "application/pdf")
ALL = ("5.2.2-1", "5.2.2-2", "5.2.2-3", "5.2.2-4", "5.2.2-5")
PROVIDER = "llm.example.com"


def _verdict(ledger: Ledger, loaded: LoadedManifest, now: datetime = NOW) -> tuple[Verdict, str]:
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=0, now=now)
    result = CloudContractsSupport().run(load_catalog().get("5.2.2-6"), ctx)
    return result.verdict, result.reason


def _modelled(root: Path, ledger: Ledger, data: dict[str, Any] = RAG_AGENT) -> LoadedManifest:
    loaded = load_manifest(write_project(root, data))
    model_system(ledger, loaded, rules_file=None, actor="tester", now=NOW)
    return loaded


def _contract(
    ledger: Ledger, loaded: LoadedManifest, supports: tuple[str, ...] = ALL, **kw: Any
) -> None:
    record_provider_contract(
        ledger,
        loaded,
        kw.get("provider", PROVIDER),
        supports=supports,
        review_by=kw.get("review_by", date(2027, 6, 30)),
        attachment=_FILE,
        by="Lee Legal",
        note=None,
        now=NOW,
    )


def test_no_threat_model_is_inconclusive(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = load_manifest(write_project(workspace_dir, RAG_AGENT))
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.INCONCLUSIVE
    assert "sai threats model" in reason


def test_provider_without_contract_is_inconclusive(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = _modelled(workspace_dir, ledger)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.INCONCLUSIVE
    assert f"{PROVIDER} (no contract recorded)" in reason


def test_complete_contract_passes_until_its_review_date(
    workspace_dir: Path, ledger: Ledger
) -> None:
    loaded = _modelled(workspace_dir, ledger)
    _contract(ledger, loaded)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.PASS, reason
    assert "1 cloud provider contract recorded" in reason
    verdict, reason = _verdict(ledger, loaded, datetime(2027, 7, 1, tzinfo=UTC))
    assert verdict is Verdict.INCONCLUSIVE
    assert "review was due 2027-06-30" in reason


def test_contract_missing_a_requirement_fails(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = _modelled(workspace_dir, ledger)
    _contract(ledger, loaded, ("5.2.2-1", "5.2.2-4"))
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.FAIL
    assert f"{PROVIDER} (does not support 5.2.2-2, 5.2.2-3, 5.2.2-5)" in reason


def test_an_excluded_requirement_is_not_asked_for(workspace_dir: Path, ledger: Ledger) -> None:
    data = copy.deepcopy(RAG_AGENT)
    data["exclusions"] = [
        {
            "provision": "5.2.2-3",
            "justification": "We train nothing ourselves; the provider's model is used as is.",
        }
    ]
    loaded = _modelled(workspace_dir, ledger, data)
    _contract(ledger, loaded, ("5.2.2-1", "5.2.2-2", "5.2.2-4", "5.2.2-5"))
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.PASS, reason
    assert "5.2.2-3" not in reason


def test_a_newer_narrower_contract_replaces_the_older(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = _modelled(workspace_dir, ledger)
    _contract(ledger, loaded)
    _contract(ledger, loaded, ("5.2.2-1",))
    assert _verdict(ledger, loaded)[0] is Verdict.FAIL


def test_a_persons_entry_and_a_bare_entry_do_not_count(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = _modelled(workspace_dir, ledger)
    payload = ThreatsContract(
        provider=PROVIDER,
        supports=ALL,
        review_by="2027-06-30",
        reviewer="Lee",
        file=_FILE.digest,
    ).to_data()
    stated = Evidence.create(
        Kind.THREATS_CONTRACT,
        PROVIDER,
        provisions=("5.2.2-6",),
        actor="Lee",
        origin=Origin.person("Lee"),
        data=payload,
        attachments=(_FILE,),
        time=NOW,
    )
    ledger.append(stated)
    verdict, reason = _verdict(ledger, loaded)
    assert (verdict, "no contract recorded" in reason) == (Verdict.INCONCLUSIVE, True)
    bare = Evidence.create(
        Kind.THREATS_CONTRACT,
        PROVIDER,
        provisions=("5.2.2-6",),
        actor="Lee",
        origin=Origin.control("threats.contract"),
        data=payload,
        time=NOW,
    )
    ledger.append(bare)
    verdict, reason = _verdict(ledger, loaded)
    assert (verdict, "contract file not attached" in reason) == (Verdict.INCONCLUSIVE, True)


def test_no_provider_is_nothing_to_judge(workspace_dir: Path, ledger: Ledger) -> None:
    loaded = _modelled(workspace_dir, ledger, BATCH)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.INCONCLUSIVE
    assert "exclude 5.2.2-6" in reason


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"supports": ("5.2.2-1", "5.1.1-1")}, "not 5.1.1-1"),
        ({"supports": ()}, "name the requirements"),
        ({"review_by": date(2026, 12, 1)}, "not in the future"),
        ({"provider": "llm.exmple.com"}, "did you mean 'llm.example.com'?"),
    ],
)
def test_recording_refuses_bad_input(
    workspace_dir: Path, ledger: Ledger, kw: dict[str, Any], message: str
) -> None:
    loaded = _modelled(workspace_dir, ledger)
    supports = kw.pop("supports", ALL)
    with pytest.raises(ThreatsError) as raised:
        _contract(ledger, loaded, supports, **kw)
    assert message in f"{raised.value} {raised.value.hint}"
    assert ledger.latest(kind=Kind.THREATS_CONTRACT) is None
