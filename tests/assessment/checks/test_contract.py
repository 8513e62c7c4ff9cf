"""One contract test over every registered automated check."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sai.assessment.checks import CHECKS, Check, CheckContext, checks_by_provision
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.ledger import Ledger
from sai.manifest import LoadedManifest


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
