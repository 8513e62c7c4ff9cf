"""Generate ``atlas.json`` (ids, names, tactics of MITRE ATLAS techniques) from ATLAS.yaml.

Only identifiers and names are kept: the rules cite techniques by id, and reports show the
names. Run it again when a new ATLAS release is adopted, and commit both files:

    python src/sai/threats/data/make_atlas.py ../shared/data/atlas/ATLAS.yaml

ATLAS is (c) MITRE, Apache-2.0 (ATLAS-LICENSE beside this file).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

#: The release this subset was generated from (atlas-data tag; the file says its own version).
RELEASE = "v5.6.1 (mitre-atlas/atlas-data commit 8ee2c689a7d3c65ddf2bfe4950a4f3ecffa6f48b)"
OUT = Path(__file__).with_name("atlas.json")


def subset(raw: bytes) -> dict[str, Any]:
    """The subset of the ATLAS.yaml ``raw`` that sai ships."""
    data = yaml.safe_load(raw)
    matrix = data["matrices"][0]
    return {
        "source": "MITRE ATLAS, https://atlas.mitre.org (Apache-2.0, Copyright 2021-2025 MITRE)",
        "atlas_version": str(data["version"]),
        "release": RELEASE,
        "atlas_yaml_sha256": hashlib.sha256(raw).hexdigest(),
        "tactics": {t["id"]: t["name"] for t in matrix["tactics"]},
        "techniques": {
            t["id"]: {
                "name": t["name"],
                "tactics": list(t.get("tactics") or ()),
                "parent": t.get("subtechnique-of"),
            }
            for t in sorted(matrix["techniques"], key=lambda t: str(t["id"]))
        },
    }


def main(argv: list[str]) -> int:
    """Write atlas.json from the ATLAS.yaml named in ``argv``."""
    if len(argv) != 2:
        print(f"usage: {argv[0]} ATLAS.yaml", file=sys.stderr)
        return 2
    text = json.dumps(subset(Path(argv[1]).read_bytes()), indent=1, sort_keys=True)
    OUT.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
