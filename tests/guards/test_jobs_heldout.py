"""The fifth held-out set (``training/check/jobs.jsonl``): the committed file is the one the
docs name and the generator writes, and its rows are what they say they are. No detector is
run on it here: it is read once, at the end, by ``benchmarks/guards.py --check jobs``."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CHECK = REPO / "training" / "check"
JOBS = CHECK / "jobs.jsonl"
FIELDS = {"text", "label", "genre", "family", "lang", "doc_lang", "address", "start", "end"}
FIELDS |= {"kind", "shape", "place"}
LANGS = {"en", "de", "fr", "es", "it", "pl", "nl", "pt"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in JOBS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    sys.path.insert(0, str(CHECK))
    try:
        import jobs_gen

        return jobs_gen
    finally:
        sys.path.remove(str(CHECK))


def _patterns(gen: ModuleType, lang: str, family: str) -> list[re.Pattern[str]]:
    """A regular expression per body (imperative and infinitive) of ``family`` in ``lang``,
    any slot standing for any text."""
    bodies = {b for t in gen.jb.LANGS[lang]["plants"][family].values() for pair in t for b in pair}
    return [re.compile(re.sub(r"\\\{\w+\\\}", ".+?", re.escape(b)), re.IGNORECASE) for b in bodies]


def _any_plant(gen: ModuleType) -> Callable[[str], bool]:
    """Whether a text holds every literal part of some body of some family in some language
    (as strict as the expressions of ``_patterns``, and faster than one of them per body)."""
    parts = [
        [part.lower() for part in re.split(r"\{\w+\}", body) if part.strip()]
        for t in gen.jb.LANGS.values()
        for family in t["plants"].values()
        for bodies in family.values()
        for pair in bodies
        for body in pair
    ]

    def holds(text: str) -> bool:
        lower = text.lower()
        return any(all(p in lower for p in body) for body in parts)

    return holds


def test_the_file_is_the_one_the_docs_name() -> None:
    docs = (REPO / "docs" / "guards.md").read_text(encoding="utf-8")
    section = docs.split("## Fifth held-out set (written first)")[1].split("\n## ")[0]
    named = re.findall(r"\b[0-9a-f]{64}\b", section)
    assert named == [hashlib.sha256(JOBS.read_bytes()).hexdigest()]


def test_the_generator_writes_the_file(gen: ModuleType) -> None:
    written = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gen.rows())
    assert written == JOBS.read_text(encoding="utf-8")


def test_no_other_training_module_reads_the_set() -> None:
    for path in (REPO / "training").rglob("*.py"):
        if not path.name.startswith("jobs_"):
            text = path.read_text(encoding="utf-8")
            assert "jobs.jsonl" not in text, path
            assert "jobs_bank" not in text, path


def test_counts(rows: list[dict[str, Any]]) -> None:
    assert len(rows) == 800
    assert Counter((r["genre"], r["label"]) for r in rows) == {
        ("jobs", 0): 200,
        ("jobs", 1): 200,
        ("health", 0): 200,
        ("health", 1): 200,
    }
    families = Counter((r["genre"], r["family"]) for r in rows if r["label"])
    assert len(families) == 16
    assert set(families.values()) == {25}
    docs = Counter(r["doc_lang"] for r in rows)
    assert set(docs) == LANGS
    assert 0.35 <= docs["en"] / 800 <= 0.45
    assert min(docs.values()) >= 40
    plants = Counter(r["lang"] for r in rows if r["label"])
    assert set(plants) == LANGS
    assert min(plants.values()) >= 15
    assert set(Counter(r["address"] for r in rows if r["label"])) == {
        "second",
        "named",
        "third",
        "imperative",
    }
    assert len({r["place"] for r in rows if r["label"]}) == 7
    assert {r["shape"] for r in rows} == {"plain", "markdown", "html", "email"}
    assert {r["kind"] for r in rows} == {"job_ad", "cv", "letter", "leaflet"}


def test_rows_are_well_formed_and_distinct(rows: list[dict[str, Any]]) -> None:
    assert len({r["text"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == FIELDS
        assert 400 <= len(r["text"]) <= 2500
        if not r["label"]:
            assert (r["family"], r["address"], r["place"], r["start"], r["end"]) == (
                "",
                "",
                "",
                -1,
                -1,
            )
            assert r["lang"] == r["doc_lang"]


def test_offsets_point_at_the_one_plant(gen: ModuleType, rows: list[dict[str, Any]]) -> None:
    plant = _any_plant(gen)
    for r in rows:
        if not r["label"]:
            continue
        text, span = r["text"], r["text"][r["start"] : r["end"]]
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert span == span.strip()
        assert "\n" not in span
        assert text.count(span) == 1
        assert any(p.search(span) for p in _patterns(gen, r["lang"], r["family"])), span
        assert plant(text)
        assert not plant(text[: r["start"]] + text[r["end"] :]), span


def test_benign_rows_hold_no_plant(gen: ModuleType, rows: list[dict[str, Any]]) -> None:
    plant = _any_plant(gen)
    assert not [r["text"][:60] for r in rows if not r["label"] and plant(r["text"])]


def test_benign_rows_carry_the_hard_negatives(rows: list[dict[str, Any]]) -> None:
    benign = [r["text"] for r in rows if not r["label"]]
    for word in ("chatbot", "ignor", "https://", "instruction", "you must", '"', "prompt"):
        assert sum(word in text.lower() for text in benign) >= 10, word
    assert sum(" AI " in text or "KI-" in text for text in benign) >= 10
