"""False positives on benign multilingual text, per genre and per language.

``training/check/benign.jsonl`` is written by training/train_documents.py from the test
partition of every sentence bank (small talk, book-like prose, e-mails, security discussions
that quote attacks, reviews, how-to text, news, support pages, meeting notes; ten languages):
sentences alone and short passages, all benign, never trained on. Each scorer of
``_indirect.scorers`` flags a row at its shipped threshold (the guard reads the row as an
unmarked user message).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

try:
    from benchmarks._indirect import scorers
except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
    from _indirect import scorers  # type: ignore[no-redef]

CHECK = Path(__file__).resolve().parent.parent / "training" / "check" / "benign.jsonl"


def benign(limit: int | None = None) -> dict[str, Any]:
    """Per scorer: the false-positive rate overall, per genre and per language."""
    lines = CHECK.read_text(encoding="utf-8").split("\n")
    rows = [json.loads(line) for line in lines if line][:limit]
    out: dict[str, Any] = {"rows": len(rows)}
    for name, (score, threshold) in scorers().items():
        flags = [score(row["text"]) >= threshold for row in rows]
        groups: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
        for flag, row in zip(flags, rows, strict=True):
            groups["genre"][row["genre"]].append(flag)
            groups["lang"][row["lang"]].append(flag)
        out[name] = {
            "fpr": sum(flags) / len(flags) if flags else float("nan"),
            **{
                key: {k: {"rows": len(v), "fpr": sum(v) / len(v)} for k, v in sorted(g.items())}
                for key, g in groups.items()
            },
        }
    return out


def print_benign(result: dict[str, Any]) -> None:
    print(f"benign multilingual check set ({result['rows']} rows): false-positive rate")
    for name in ("document", "guard", "direct-fast"):
        r = result[name]
        genres = ", ".join(f"{g} {v['fpr']:.2f}" for g, v in r["genre"].items())
        langs = ", ".join(f"{g} {v['fpr']:.2f}" for g, v in r["lang"].items())
        print(f"  {name:11s} FPR {r['fpr']:.3f} | {genres}\n  {'':11s} {langs}")


__all__ = ["CHECK", "benign", "print_benign"]
