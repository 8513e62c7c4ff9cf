"""One contract test over every registered automated check."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.assessment.checks import CHECKS, Check, CheckContext, checks_by_provision
from sai.assessment.engine import decide_one, record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.ledger import Evidence, Ledger, Origin, open_ledger
from sai.ledger.kinds import PAYLOADS
from sai.manifest import LoadedManifest, load_manifest
from tests.assessment.conftest import write_project
from tests.ledger.payload_samples import sample_payload


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
class TestEveryCheck:
    def test_declares_real_provisions(self, check: Check) -> None:
        catalog = load_catalog()
        assert check.provisions
        for provision_id in check.provisions:
            assert catalog.get(provision_id).id == provision_id

    def test_returns_an_actionable_result(
        self, check: Check, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        now = datetime.now(UTC)
        entry = record_manifest(ledger, loaded, actor="t", now=now)
        ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
        for provision_id in check.provisions:
            result = check.run(load_catalog().get(provision_id), ctx)
            assert result.provision == provision_id
            assert result.check == check.name
            assert result.automated
            assert result.verdict in set(Verdict)
            assert len(result.reason) > 20
            assert all(0 <= index < ledger.size() for index in result.evidence)


def test_names_unique_and_one_check_per_provision() -> None:
    names = [check.name for check in CHECKS]
    assert len(names) == len(set(names))
    table = checks_by_provision()
    assert sum(len(c.provisions) for c in CHECKS) == len(table)


EMPTY_MANIFEST = """\
version: 1
name: empty-system
intended_use: Nothing yet; a project that declares no asset.
roles: [developer, system_operator, data_custodian]
people:
  owners:
    - name: Test Owner
  security_contact: security@example.org
"""


def _assess(ledger: Ledger, loaded: LoadedManifest, now: datetime) -> dict[str, Verdict]:
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
    catalog = load_catalog()
    return {
        provision_id: check.run(catalog.get(provision_id), ctx).verdict
        for check in CHECKS
        for provision_id in check.provisions
    }


def test_nothing_passes_on_an_empty_manifest_and_ledger(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "sai.yaml"
    path.write_text(EMPTY_MANIFEST)
    verdicts = _assess(ledger, load_manifest(path), datetime.now(UTC))
    assert Verdict.PASS not in verdicts.values(), verdicts


def _forgeries(now: datetime) -> list[Evidence]:
    """Every control kind, written by a person with payloads that would pass if believed."""
    forged = []
    for kind, payload_type in PAYLOADS.items():
        sample = sample_payload(payload_type)
        for subject in ("test-system", "clf", "train-data", "system-prompt", "guards.injection"):
            forged.append(
                Evidence.create(
                    kind,
                    subject,
                    provisions=[p for c in CHECKS for p in c.provisions],
                    actor="mallory",
                    origin=Origin.person("mallory"),
                    data=sample.to_data(),
                    time=now,
                )
            )
    return forged


def test_statements_by_hand_change_no_verdict(ledger: Ledger, loaded: LoadedManifest) -> None:
    now = datetime.now(UTC)
    before = _assess(ledger, loaded, now)
    ledger.append_many(_forgeries(now))
    assert _assess(ledger, loaded, now) == before


def test_ledger_append_accepts_only_notes_and_changes_no_verdict(
    ledger: Ledger, loaded: LoadedManifest, workspace_dir: Path
) -> None:
    from typer.testing import CliRunner

    from sai.cli.app import app

    now = datetime.now(UTC)
    before = _assess(ledger, loaded, now)
    runner = CliRunner()
    base = ["ledger", "append", "--workspace", str(workspace_dir), "-s", "guards.injection"]
    refused = runner.invoke(app, [*base, "--kind", "guard.evaluation", "-p", "5.2.1-4.1"])
    assert refused.exit_code == 2
    assert "writes only notes" in refused.output
    forged = '{"metrics": {"f1_bp": 10000, "fpr_bp": 0, "n": 100000, "positives": 50000}}'
    for kind in ("note", "note.guard.evaluation", "note.dependency.audit"):
        done = runner.invoke(app, [*base, "--kind", kind, "-p", "5.2.1-4.1", "--data", forged])
        assert done.exit_code == 0, done.output
    assert _assess(ledger, loaded, now) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_payloads_never_crash_a_check(data: st.DataObject, tmp_path_factory: Any) -> None:
    root = tmp_path_factory.mktemp("mutated")
    manifest = write_project(root)
    from sai.workspace import create_workspace

    workspace = create_workspace(root, name="mutated")
    now = datetime.now(UTC)
    kind = data.draw(st.sampled_from(sorted(PAYLOADS)))
    real = sample_payload(PAYLOADS[kind]).to_data()
    mutated = data.draw(_mutations(real))
    with open_ledger(workspace) as ledger:
        ledger.append(
            Evidence.create(
                kind,
                data.draw(st.sampled_from(["test-system", "clf", "system-prompt", "x"])),
                actor="sai",
                origin=Origin.control("test"),
                data=mutated,
                time=now,
            )
        )
        loaded = load_manifest(manifest)
        entry = record_manifest(ledger, loaded, actor="t", now=now)
        ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
        checks = checks_by_provision()
        for provision in sorted(checks):
            results = decide_one(checks[provision], load_catalog().get(provision), ctx)
            assert results.verdict in set(Verdict)


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=8)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
        max_leaves=6,
    )


def _mutations(real: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A real payload with fields dropped, retyped or added."""
    keys = sorted(real)

    @st.composite
    def mutate(draw: st.DrawFn) -> dict[str, Any]:
        out = dict(real)
        for key in keys:
            action = draw(st.sampled_from(["keep", "keep", "drop", "retype"]))
            if action == "drop":
                out.pop(key)
            elif action == "retype":
                out[key] = draw(_json_values())
        if draw(st.booleans()):
            out[draw(st.text(max_size=6))] = draw(_json_values())
        return out

    return mutate()
