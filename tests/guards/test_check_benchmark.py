"""``benchmarks/guards.py --check NAME`` on a small synthetic set (never on a real held-out set):
the figures follow from the scores by hand, with scorers that read the score off the text."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import _indirect, guards

#: (score, genre, family, language, label): genre a's negatives top out at 0.6, genre b's at 0.4.
ROWS = (
    (0.1, "a", "", "en", 0),
    (0.2, "a", "", "en", 0),
    (0.3, "a", "", "de", 0),
    (0.6, "a", "", "de", 0),
    (0.7, "a", "x", "en", 1),
    (0.5, "a", "y", "en", 1),
    (0.05, "b", "", "en", 0),
    (0.4, "b", "", "de", 0),
    (0.9, "b", "x", "de", 1),
    (0.45, "b", "y", "en", 1),
)


def _write(folder: Path) -> Path:
    path = folder / "tiny.jsonl"
    lines = [
        {
            "text": f"{score} a document",
            "label": label,
            "genre": genre,
            "family": family,
            "lang": lang,
            "doc_lang": lang,
            "address": "second" if label else "",
            "start": 0 if label else -1,
            "end": 4 if label else -1,
        }
        for score, genre, family, lang, label in ROWS
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def scored(monkeypatch: pytest.MonkeyPatch) -> None:
    def read(text: str) -> float:
        return float(text.split(maxsplit=1)[0])

    def fake(artifacts: object = None) -> dict[str, Any]:
        return dict.fromkeys(("document", "guard", "direct-fast"), (read, 0.5))

    monkeypatch.setattr(_indirect, "scorers", fake)


@pytest.mark.usefixtures("scored")
def test_check_reports_tpr_at_two_percent_fpr_per_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, output = _write(tmp_path), tmp_path / "out" / "result.json"
    monkeypatch.setattr(sys, "argv", ["guards.py", "--check", str(path), "--output", str(output)])
    guards.main()
    result = json.loads(output.read_text())
    assert result["mode"] == "tiny-only"
    document = result["tiny"]["document"]
    # Fewer than 50 negatives: the 2% cut is the highest negative score (0.6 overall).
    assert document["held_out_genre"]["tpr_at_2pct_fpr"] == 0.5  # 0.7 and 0.9 of four
    assert document["tpr_at_2pct_fpr_per_genre"] == {"a": 0.5, "b": 1.0}  # cuts 0.6 and 0.4
    assert document["tpr_at_2pct_fpr_per_family"] == {"x": 1.0, "y": 0.0}
    assert document["tpr_at_2pct_fpr_per_lang"] == {"de": 1.0, "en": pytest.approx(1 / 3)}
    # At the threshold 0.5: genre a flags its negative of 0.6, genre b none.
    assert {g: v["fpr"] for g, v in document["genre"].items()} == {"a": 0.25, "b": 0.0}
    printed = capsys.readouterr().out
    assert "TPR@2%FPR per family: x 1.000, y 0.000" in printed
    assert "TPR@2%FPR per lang: de 1.000, en 0.333" in printed


@pytest.mark.parametrize(
    ("flag", "name"), [("--articles-only", "articles"), ("--forum-only", "forum")]
)
def test_the_old_options_are_checks_of_their_sets(
    flag: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[tuple[str, Path, Path | None]] = []
    monkeypatch.setattr(guards, "check_only", lambda *args: called.append(args))
    monkeypatch.setattr(sys, "argv", ["guards.py", flag, "--output", str(tmp_path / "r.json")])
    guards.main()
    assert called == [(name, tmp_path / "r.json", None)]
