"""`sai dispose baseline-sample ID` crypto-erases a baseline's own sealed sample, refuses a
sample sealed under a dataset's key, and `disposal.verified` fails on an erasure that left a
key open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sai.assessment.verdict import Verdict
from sai.disposal.baseline_erase import ORIGIN
from sai.inventory.errors import SealError
from sai.inventory.seal import custody_for
from sai.ledger import Evidence, Origin, open_ledger
from sai.ledger.kinds import KeyDestroyed, Kind
from sai.monitoring.profile_files import load_profile
from sai.workspace import open_workspace
from tests.disposal.test_baseline_samples import (
    _freeze_from_a_copy,
    _sample_key,
    _verdict,
    root,
    sai,
)

__all__ = ["root"]  # the fixture, shared with test_baseline_samples


def test_erases_the_sample_key_and_records_it(root: Path, tmp_path: Path) -> None:
    frozen = _freeze_from_a_copy(root, tmp_path)
    key = _sample_key(str(frozen["directory"]))
    custody = custody_for(open_workspace(root), key)
    assert custody.data_key(key, create=False)  # it opens before
    baseline = str(frozen["baseline_id"])
    code, out = sai(root, "dispose", "baseline-sample", baseline[:10], "--reason", "retention")
    assert code == 0, out
    assert baseline in out
    assert "verified gone" in out
    with pytest.raises(SealError):
        custody.data_key(key, create=False)
    assert custody.copies(key) == ()
    profile = load_profile(Path(str(frozen["directory"])), lambda name: None)
    assert profile.sample == {}  # the aggregates stay usable
    with open_ledger(open_workspace(root), read_only=True) as ledger:
        entry = ledger.latest(kind=Kind.KEY_DESTROYED, subject=key)
    assert entry is not None
    assert entry.evidence.origin == Origin.control(ORIGIN)
    payload = KeyDestroyed.from_evidence(entry.evidence)
    assert payload.remaining == ()
    assert payload.destroyed  # the wrapped key's record at least
    assert payload.reason == f"monitoring baseline {baseline}: retention"
    # Nothing was disposed of: the check stays inconclusive, never passes on this alone.
    verdict, _ = _verdict(root)
    assert verdict is Verdict.INCONCLUSIVE
    # Again: idempotent, nothing left to destroy.
    code, out = sai(root, "dispose", "baseline-sample", baseline, "--reason", "again")
    assert code == 0, out
    assert "no copy left" in out


def test_a_dataset_keyed_sample_goes_with_the_dataset(root: Path) -> None:
    code, out = sai(root, "monitor", "baseline", "--data", str(root / "data.csv"), "-f", "json")
    assert code == 0, out
    frozen = json.loads(out)
    assert _sample_key(frozen["directory"]) == "train-data"
    code, out = sai(root, "dispose", "baseline-sample", frozen["baseline_id"], "--reason", "x")
    assert code == 2
    assert "sai dispose train-data" in " ".join(out.split())
    key = custody_for(open_workspace(root), "train-data")
    assert key.data_key("train-data", create=False)  # untouched


@pytest.mark.parametrize(
    ("wanted", "message"),
    [("0123456789abcdef", "no monitoring baseline"), ("abc", "at least 8 characters")],
)
def test_bad_ids_are_refused(root: Path, wanted: str, message: str) -> None:
    code, out = sai(root, "dispose", "baseline-sample", wanted, "--reason", "x")
    assert code == 2
    assert message in " ".join(out.split())


def test_the_check_fails_on_an_erasure_that_left_a_key(root: Path) -> None:
    ws = open_workspace(root)
    data = KeyDestroyed(
        custody="file",
        key_id="k",
        kek="kek",
        destroyed=(),
        remaining=("the key still unwraps",),
        reason="monitoring baseline b: x",
    ).to_data()
    with open_ledger(ws) as ledger:
        for origin in (Origin.person("someone"), Origin.control("disposal.crypto_erase")):
            ledger.append(
                Evidence.create(
                    Kind.KEY_DESTROYED, "baseline:ab", provisions=("5.5.1-2",), actor="x",
                    origin=origin, data=data,
                )
            )  # fmt: skip
    verdict, _ = _verdict(root)
    assert verdict is Verdict.INCONCLUSIVE  # a statement or another control's entry: not this
    with open_ledger(ws) as ledger:
        ledger.append(
            Evidence.create(
                Kind.KEY_DESTROYED, "baseline:ab", provisions=("5.5.1-2",), actor="x",
                origin=Origin.control(ORIGIN), data=data,
            )
        )  # fmt: skip
    verdict, reason = _verdict(root)
    assert verdict is Verdict.FAIL
    assert "baseline:ab: sample key still open" in reason
