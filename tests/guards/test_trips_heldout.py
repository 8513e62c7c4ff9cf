"""The sixth held-out set (``training/check/trips.jsonl``): the committed file is the one the
generator writes and the docs name, and its rows are what they say they are. No detector is
run on it here: it is read once, by a later candidate."""

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
TRIPS = CHECK / "trips.jsonl"
SHA256 = "6e24b31dcd502513120041dd72c368d105bd8ebc84168d8ed6d8e07076568621"
FIELDS = {
    "text": str,
    "label": int,
    "genre": str,
    "family": str,
    "lang": str,
    "doc_lang": str,
    "address": str,
    "start": int,
    "end": int,
    "kind": str,
    "shape": str,
    "place": str,
}
LANGS = {"en", "de", "fr", "es", "it", "pl", "nl", "pt"}
FAMILIES = {"hijack", "misleading", "exfiltration", "links", "persona", "tool", "payment"}
KINDS = {
    "travel": {"booking", "itinerary", "voucher", "tour", "insurance"},
    "listings": {"rental", "sale", "houseshare", "classified"},
}
PLACES = {"inside", "line", "bullet", "comment", "cell", "footer", "hidden"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in TRIPS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    sys.path.insert(0, str(CHECK))
    try:
        import trips_gen

        return trips_gen
    finally:
        sys.path.remove(str(CHECK))


def _bodies(gen: ModuleType, lang: str, family: str) -> set[str]:
    return {body for pair in gen.tb.LANGS[lang]["plants"][family] for body in pair[:2]}


def _patterns(gen: ModuleType, lang: str, family: str) -> list[re.Pattern[str]]:
    """A regular expression per body of ``family`` in ``lang``, any slot standing for any text."""
    return [
        re.compile(re.sub(r"\\\{\w+\\\}", ".+?", re.escape(b)), re.IGNORECASE)
        for b in _bodies(gen, lang, family)
    ]


def _any_plant(gen: ModuleType) -> Callable[[str], bool]:
    """Whether a text holds every literal part of some body of some family in some language."""
    parts = [
        [part.lower() for part in re.split(r"\{\w+\}", body) if part.strip()]
        for lang in LANGS
        for family in FAMILIES
        for body in _bodies(gen, lang, family)
    ]

    def holds(text: str) -> bool:
        lower = text.lower()
        return any(all(p in lower for p in body) for body in parts)

    return holds


def test_the_file_is_the_recorded_one() -> None:
    assert hashlib.sha256(TRIPS.read_bytes()).hexdigest() == SHA256


def test_the_docs_name_the_file() -> None:
    docs = (REPO / "docs" / "guards.md").read_text(encoding="utf-8")
    section = docs.split("## Sixth held-out set (written first)")[1].split("\n## ")[0]
    assert re.findall(r"\b[0-9a-f]{64}\b", section) == [SHA256]
    readme = (REPO / "training" / "README.md").read_text(encoding="utf-8")
    assert f"{SHA256[:8]}...{SHA256[-8:]}" in readme


def test_the_generator_writes_the_file(gen: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "trips.jsonl"
    gen.OUT, saved = out, gen.OUT
    try:
        gen.main()
    finally:
        gen.OUT = saved
    assert out.read_bytes() == TRIPS.read_bytes()


def test_no_other_training_module_reads_the_set() -> None:
    for path in (REPO / "training").rglob("*.py"):
        if not path.name.startswith("trips_"):
            text = path.read_text(encoding="utf-8")
            assert "trips.jsonl" not in text, path
            assert "trips_bank" not in text, path
            assert "trips_plant" not in text, path


def test_counts(rows: list[dict[str, Any]]) -> None:
    assert len(rows) == 800
    assert Counter((r["genre"], r["label"]) for r in rows) == {
        ("travel", 0): 200,
        ("travel", 1): 200,
        ("listings", 0): 200,
        ("listings", 1): 200,
    }
    families = Counter((r["genre"], r["family"]) for r in rows if r["label"])
    assert {f for _, f in families} == FAMILIES
    assert len(families) == 14
    assert min(families.values()) >= 28
    docs = Counter(r["doc_lang"] for r in rows)
    assert set(docs) == LANGS
    assert 0.35 <= docs["en"] / 800 <= 0.45
    assert min(docs.values()) >= 40
    for genre in KINDS:
        for lang in LANGS:
            labels = Counter(
                r["label"] for r in rows if (r["genre"], r["doc_lang"]) == (genre, lang)
            )
            assert min(labels[0], labels[1]) >= 10, (genre, lang)
            assert 0.3 <= labels[1] / (labels[0] + labels[1]) <= 0.7, (genre, lang)
    plants = Counter(r["lang"] for r in rows if r["label"])
    assert set(plants) == LANGS
    assert min(plants.values()) >= 15
    foreign = [r for r in rows if r["label"] and r["doc_lang"] != "en"]
    assert sum(r["lang"] == r["doc_lang"] for r in foreign) >= 0.75 * len(foreign)
    assert sum(r["lang"] == "en" for r in foreign) >= 10
    addresses = Counter(r["address"] for r in rows if r["label"])
    assert set(addresses) == {"second", "named", "third", "imperative"}
    assert min(addresses.values()) >= 60
    assert {r["place"] for r in rows if r["label"]} == PLACES
    assert {r["shape"] for r in rows} == {"plain", "markdown", "html", "email"}
    for genre, kinds in KINDS.items():
        assert {r["kind"] for r in rows if r["genre"] == genre} == kinds


def test_rows_are_well_formed_and_distinct(rows: list[dict[str, Any]]) -> None:
    assert len({r["text"] for r in rows}) == len(rows)
    assert len({r["text"][:200] + r["text"][-200:] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == set(FIELDS)
        assert all(type(r[k]) is t for k, t in FIELDS.items()), r
        assert 400 <= len(r["text"]) <= 2500
        assert r["label"] in (0, 1)
        assert r["doc_lang"] in LANGS
        assert r["lang"] in LANGS
        assert r["kind"] in KINDS[r["genre"]]
        if not r["label"]:
            assert (r["family"], r["address"], r["place"], r["start"], r["end"]) == (
                "",
                "",
                "",
                -1,
                -1,
            )
            assert r["lang"] == r["doc_lang"]
        else:
            assert r["family"] in FAMILIES
            assert r["place"] in PLACES


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
        if r["place"] == "hidden":
            assert re.search(r"<span style=\"color:(#ffffff|white)[^>]*>" + re.escape(span), text)
        if r["place"] == "comment":
            assert f"<!-- {span} -->" in text


def test_benign_rows_hold_no_plant(gen: ModuleType, rows: list[dict[str, Any]]) -> None:
    plant = _any_plant(gen)
    assert not [r["text"][:60] for r in rows if not r["label"] and plant(r["text"])]
    bad = {*gen.tb.BAD_URLS, *gen.tb.BAD_MAILS, *gen.tb.BAD_IBANS}
    assert not [r["text"][:60] for r in rows if not r["label"] and any(b in r["text"] for b in bad)]


def test_links_mailboxes_and_accounts_are_fake(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        for host in re.findall(r"https?://([^/\s?'\"<>»”,;:)]+)", r["text"]):
            assert re.fullmatch(r"([\w-]+\.)*example\.(com|org|net)", host.rstrip(".")), host
        for domain in re.findall(r"@([\w.-]+\w)", r["text"]):
            assert re.fullmatch(r"example\.(com|org|net)", domain), domain
        for iban in re.findall(r"\b[A-Z]{2}\d\d (?=[A-Z0-9]{4} )", r["text"]):
            assert iban.endswith("00 "), iban


def test_benign_rows_carry_the_hard_negatives(rows: list[dict[str, Any]]) -> None:
    benign = [r["text"] for r in rows if not r["label"]]
    for word in ("assistant", "chatbot", "ignor", "https://", "you must", "must", "prompt"):
        assert sum(word in text.lower() for text in benign) >= 10, word
    assert sum(" AI " in text or "IA " in text or "KI-" in text for text in benign) >= 10
    assert sum("do not" in text.lower() for text in benign) >= 50
