"""One held-out set alone (``--check NAME``): ``training/check/NAME.jsonl`` scored by the shipped
artefacts or those of a folder, as the document detector, the injection guard and the fast
instruction detector each see it (``benchmarks/_indirect.py``).

Reported: TPR at 2% FPR overall, per genre, per family and per language of the plant (the last
two at the cut that keeps the FPR over all negatives at 2%), and the FPR at the shipped
threshold per genre. ``--articles-only`` and ``--forum-only`` are ``--check articles`` and
``--check forum``. A set is read once per model: see docs/guards.md.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sai.guards.injection.artifacts import load_artifacts

try:
    from benchmarks._indirect import CHECK, indirect, print_indirect
except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
    from _indirect import CHECK, indirect, print_indirect  # type: ignore[no-redef]

#: Per set: the genre held out of training ("*": every row) and the family new in that set.
#: forum: the third release's set (forum_gen.py); articles: the fourth (article_gen.py,
#: encyclopedia articles and terms of service); jobs: the fifth (jobs_gen.py, recruiting
#: documents and medication leaflets); trips: the sixth (trips_gen.py, travel documents and
#: listings). Each was written before its candidate trained anything.
HELD_OUT = {
    "forum": ("forum", "memory"),
    "articles": ("*", "refusal"),
    "jobs": ("*", "verdict"),
    "trips": ("*", "payment"),
}


def check_path(name: str) -> Path:
    """``training/check/NAME.jsonl``, or ``name`` itself when it is a path to a .jsonl file."""
    return Path(name) if name.endswith(".jsonl") else CHECK.with_name(f"{name}.jsonl")


def check_only(name: str, output: Path, artifacts: Path | None = None) -> dict[str, Any]:
    """Score the set ``name``, print the figures and write them to ``output``."""
    path = check_path(name)
    key = path.stem
    genre, family = HELD_OUT.get(key, ("*", ""))
    start = list(os.getloadavg())
    found = indirect(
        check=path,
        genre=genre,
        family=family,
        artifacts=load_artifacts(artifacts) if artifacts else None,
    )
    print_indirect(found)
    for scorer in ("document", "guard", "direct-fast"):
        r = found[scorer]
        for group in ("genre", "family", "lang"):
            at = ", ".join(f"{g} {v:.3f}" for g, v in r[f"tpr_at_2pct_fpr_per_{group}"].items())
            print(f"  {scorer:11s} TPR@2%FPR per {group}: {at}")
    result = {"mode": f"{key}-only", "artifacts": str(artifacts or "shipped"), key: found}
    result["machine"] = {"load_average_at_start": start, "load_average_at_end": os.getloadavg()}
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n")
    return result
