"""`scan_leaf` writes the leaf `Evidence` would, byte for byte, or declines and leaves it to
the validated path (which accepts or refuses as before)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sai.ledger import EvidenceError
from sai.ledger.entry import provision_sort_key
from sai.ledger.kinds import Kind
from sai.ledger.origin import Origin
from sai.scanning._leaves import (
    EXTERNAL_PROVISIONS,
    IN_HOUSE_PROVISIONS,
    SCAN_CONTROL,
    SCAN_KIND,
    scan_leaf,
)
from sai.scanning._recording import scan_entries
from sai.scanning._subjects import Subjects
from sai.scanning.declared import DeclaredModel, DeclaredModels
from sai.scanning.record import scan_entry_evidence
from sai.scanning.result import ArtifactResult, Confidence, Finding, ScanVerdict, Severity
from tests.scanning.test_record_bytes import EXPECTED, WHEN, _batch

ORIGIN = Origin.control(SCAN_CONTROL)


def _models(root: Path) -> DeclaredModels:
    return DeclaredModels(
        (
            DeclaredModel("fraud-model", root / "model.onnx", "hf://org/model", in_house=False),
            DeclaredModel("own", root / "own.pkl", "in-house", in_house=True),
        )
    )


def test_the_constants_are_the_ledgers() -> None:
    assert Kind.SCAN_RESULT.value == SCAN_KIND
    for provisions in (EXTERNAL_PROVISIONS, IN_HOUSE_PROVISIONS):
        assert list(provisions) == sorted(set(provisions), key=provision_sort_key)


def test_the_fixed_batch_gives_the_recorded_bytes(tmp_path: Path) -> None:
    batch = _batch(tmp_path)
    models = DeclaredModels((_models(tmp_path).models[0],))
    subjects = Subjects(models, tmp_path)
    leaves = [scan_leaf(result, subjects, None, WHEN) for result in batch]
    assert all(leaf is not None for leaf in leaves)
    joined = b"".join(leaf.leaf for leaf in leaves if leaf is not None)
    assert hashlib.sha256(joined).hexdigest() == EXPECTED


def test_the_prepared_columns_match_the_evidence(tmp_path: Path) -> None:
    subjects = Subjects(_models(tmp_path), tmp_path)
    result = ArtifactResult(
        str(tmp_path / "own.pkl"), "sha256:" + "0" * 64, 5, "pickle", ScanVerdict.safe
    )
    fast = scan_leaf(result, subjects, {"path": "p.yaml", "digest": "sha256:x"}, WHEN)
    evidence = scan_entry_evidence(result, subjects, ORIGIN, None, WHEN)
    assert fast is not None
    assert (fast.kind, fast.subject, fast.time, fast.provisions) == (
        evidence.kind,
        "own",
        evidence.time,
        ("5.2.3-1",),
    )


def test_a_path_that_is_not_utf8_is_refused_through_the_validated_path(tmp_path: Path) -> None:
    bad = ArtifactResult(str(tmp_path / "x\udcff.pkl"), "", 1, "pickle", ScanVerdict.safe)
    assert scan_leaf(bad, Subjects(None, tmp_path), None, WHEN) is None
    with pytest.raises(EvidenceError, match="surrogate"):
        scan_entries([bad], manifest=None, policy=None, root=tmp_path, resolver=None)


def test_a_subject_too_long_for_the_ledger_is_refused(tmp_path: Path) -> None:
    long = ArtifactResult(str(tmp_path / ("a" * 600)), "", 1, "pickle", ScanVerdict.safe)
    assert scan_leaf(long, Subjects(None, tmp_path), None, WHEN) is None
    with pytest.raises(EvidenceError, match="subject"):
        scan_entries([long], manifest=None, policy=None, root=tmp_path, resolver=None)


_TEXT = st.text(
    st.characters(exclude_categories=("Cs",)) | st.sampled_from("\udcff\x00\x85/é"),
    max_size=40,
)
_FINDINGS = st.lists(
    st.builds(
        Finding,
        rule=st.sampled_from(["pickle.dangerous_callable", "format.note", "x"]),
        severity=st.sampled_from(list(Severity)),
        message=st.text(max_size=400),
        member=st.sampled_from(["", "archive/data.pkl", "é\n"]),
        offset=st.none() | st.integers(0, 2**40),
        callable=st.none() | st.sampled_from(["", "os.system", "lib.Thing"]),
        incomplete=st.booleans(),
        confidence=st.sampled_from(list(Confidence)),
    ),
    max_size=55,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=_TEXT.filter(lambda n: n not in ("", ".", "..") and "/" not in n and "\x00" not in n),
    where=st.sampled_from(["", "sub/", "../out/", "own.pkl#", "model.onnx#"]),
    size=st.integers(-(2**60), 2**60),
    digest=_TEXT,
    verdict=st.sampled_from(list(ScanVerdict)),
    findings=_FINDINGS,
    inner=st.lists(_TEXT, max_size=3),
    part_of=_TEXT,
    policy=st.none() | st.fixed_dictionaries({"path": _TEXT, "digest": _TEXT}),
    shift=st.integers(-12, 12),
)
def test_fast_leaves_equal_the_validated_ones(
    tmp_path: Path,
    name: str,
    where: str,
    size: int,
    digest: str,
    verdict: ScanVerdict,
    findings: list[Finding],
    inner: list[str],
    part_of: str,
    policy: dict[str, str] | None,
    shift: int,
) -> None:
    path = (
        str(tmp_path / where.rstrip("#")) if where.endswith("#") else str(tmp_path / where / name)
    )
    result = ArtifactResult(
        path, digest, size, "pickle", verdict, tuple(findings), tuple(inner), part_of
    )
    subjects = Subjects(_models(tmp_path), tmp_path)
    moment = WHEN.astimezone(UTC) + timedelta(hours=shift)
    fast = scan_leaf(result, subjects, policy, moment)
    stated = _Stated(policy) if policy is not None else None
    try:
        evidence = scan_entry_evidence(result, subjects, ORIGIN, stated, moment)  # type: ignore[arg-type]
    except EvidenceError:
        event("refused")
        assert fast is None  # the validated path refuses it: so must the fast one
        return
    event("declined" if fast is None else "fast")
    if fast is not None:
        assert fast == evidence.prepared()


class _Stated:
    """A policy as far as scan evidence reads it: its path and digest."""

    def __init__(self, stated: dict[str, str]) -> None:
        self.path = stated["path"]
        self.digest = stated["digest"]


def test_scan_entries_time_is_now_in_utc(tmp_path: Path) -> None:
    result = ArtifactResult(str(tmp_path / "m.pkl"), "", 1, "pickle", ScanVerdict.safe)
    before = datetime.now(UTC)
    (entry,) = scan_entries([result], manifest=None, policy=None, root=tmp_path, resolver=None)
    assert before <= entry.time <= datetime.now(UTC)
    assert entry.time.tzinfo is UTC


def test_both_stores_paths_record_entries_that_verify_strictly(workspace_dir: Path) -> None:
    """The first scan of a workspace without a store goes through `open_ledger`; the next one
    through the SQLite writer. Both leave a ledger that verifies with every entry signed for."""
    from sai.ledger import open_ledger
    from sai.ledger.sqlite_writer import sqlite_ledger_path
    from sai.scanning.service import ScanRequest, run_scan
    from sai.workspace import open_workspace

    model = workspace_dir / "m.pkl"
    model.write_bytes(b"\x80\x02}q\x00.")
    workspace = open_workspace(workspace_dir)
    assert sqlite_ledger_path(workspace) is None
    first = run_scan(ScanRequest(paths=(model,), workspace=workspace_dir))
    assert sqlite_ledger_path(workspace) is not None
    second = run_scan(ScanRequest(paths=(model, model), workspace=workspace_dir))
    assert (first.recorded, second.recorded) == (1, 2)
    with open_ledger(workspace, read_only=True) as ledger:
        report = ledger.verify(strict=True)
        scans = ledger.query(kind="scan.result")
    assert report.ok, report.problems
    assert [e.evidence.subject for e in scans] == ["m.pkl"] * 3
    digest = "sha256:" + hashlib.sha256(b"\x80\x02}q\x00.").hexdigest()
    assert {e.evidence.data["digest"] for e in scans} == {digest}
