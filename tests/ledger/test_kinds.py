"""Typed evidence: every kind has one payload, payloads round-trip, checks read what is written."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sai.ledger import Evidence, Origin
from sai.ledger.kinds import PAYLOADS, Kind, Note, PayloadError, payload_type
from sai.ledger.kinds.guards import GuardEvaluation
from tests.ledger.payload_samples import sample_payload

SRC = Path(__file__).resolve().parents[2] / "src" / "sai"


class TestRegistry:
    def test_every_kind_has_exactly_one_payload(self) -> None:
        assert set(PAYLOADS) == set(Kind)
        assert all(payload.KIND is kind for kind, payload in PAYLOADS.items())

    def test_notes_of_any_name_are_notes(self) -> None:
        assert payload_type("note") is Note
        assert payload_type("note.meeting.minutes") is Note
        assert payload_type("guard.evaluation") is GuardEvaluation
        assert payload_type("no.such.kind") is None


@pytest.mark.parametrize("kind", sorted(PAYLOADS), ids=str)
def test_payload_round_trips_through_a_leaf(kind: Kind) -> None:
    payload = sample_payload(PAYLOADS[kind])
    evidence = Evidence.create(
        kind,
        "subject",
        actor="test",
        origin=Origin.control("test"),
        data=payload.to_data(),
        time=datetime(2026, 12, 1, tzinfo=UTC),
    )
    stored = Evidence.from_leaf_bytes(evidence.leaf_bytes())
    assert PAYLOADS[kind].from_evidence(stored) == payload


class TestReading:
    def test_a_missing_field_is_named(self) -> None:
        evidence = Evidence.create(
            Kind.GUARD_EVALUATION, "g", actor="t", origin=Origin.control("t"), data={}
        )
        with pytest.raises(PayloadError, match=r"'data\.scanner': is missing"):
            GuardEvaluation.from_evidence(evidence)

    def test_a_wrong_type_is_named(self) -> None:
        data = sample_payload(GuardEvaluation).to_data()
        data["metrics"]["n"] = "200"
        evidence = Evidence.create(
            Kind.GUARD_EVALUATION, "g", actor="t", origin=Origin.control("t"), data=data
        )
        with pytest.raises(PayloadError, match=r"'data\.metrics\.n': must be an integer"):
            GuardEvaluation.from_evidence(evidence)

    def test_a_bool_is_not_an_integer(self) -> None:
        data = sample_payload(GuardEvaluation).to_data()
        data["metrics"]["n"] = True
        evidence = Evidence.create(
            Kind.GUARD_EVALUATION, "g", actor="t", origin=Origin.control("t"), data=data
        )
        with pytest.raises(PayloadError):
            GuardEvaluation.from_evidence(evidence)

    def test_another_kind_is_refused(self) -> None:
        evidence = Evidence.create(
            Kind.GUARD_CHECK, "g", actor="t", origin=Origin.control("t"), data={}
        )
        with pytest.raises(PayloadError, match=r"is not 'guard\.evaluation'"):
            GuardEvaluation.from_evidence(evidence)


def _kinds_named(paths: list[Path]) -> set[str]:
    """Kinds a producer names, as ``Kind.X`` or by constructing the kind's payload class."""
    from sai.ledger.kinds import PAYLOADS

    names = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"Kind\.([A-Z_]+)", text))
        names |= {
            kind.name
            for kind, payload in PAYLOADS.items()
            if re.search(rf"\b{payload.__name__}\(", text)
        }
    return names


def test_every_kind_a_check_reads_is_written_by_a_producer() -> None:
    from sai.assessment.checks import CHECKS

    producers = [p for p in SRC.rglob("*.py") if "checks" not in p.parts and "kinds" not in p.parts]
    read = {kind.name for check in CHECKS for kind in check.reads}
    written = _kinds_named(producers) | {
        # Inventory changes are written through CHANGE_PAYLOADS[change.kind].KIND.
        "ASSET_CHANGED",
        "ASSET_MISSING",
        "ASSET_ADDED",
        "ASSET_REMOVED",
    }
    assert read, "the checks read no typed kind"
    assert read <= written, f"read by checks but written by no producer: {read - written}"
