"""The cold-cache probe measures what it says: each subject, both regimes, and old trees."""

from __future__ import annotations

from pathlib import Path

from benchmarks.gateway import BODY

from benchmarks import guard_cold


def test_the_child_reports_every_subject_in_both_regimes() -> None:
    found = guard_cold.child(count=5, megabytes=0.01)
    subjects = ("guard_scan", "detector_score", "fast_logit_user_message")
    assert set(found) == {f"{regime}:{name}" for regime in ("warm", "cold") for name in subjects}
    assert all(value > 0 for value in found.values())


def test_the_request_is_the_gateway_benchmarks_fields_joined() -> None:
    text, bounds, message = guard_cold._request()
    assert message == BODY["messages"][0]["content"]
    assert [text[start:end] for start, end in bounds][1] == message
    assert text.count("\n") == len(bounds) - 1


def test_a_revision_is_extracted_with_its_detector(tmp_path: Path) -> None:
    src = guard_cold._extract("HEAD", tmp_path)
    assert (src / "sai" / "guards" / "injection" / "_features.py").is_file()
    assert (src / "sai" / "guards" / "injection" / "artifacts" / "fast.npz").is_file()
