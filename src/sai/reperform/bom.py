"""The AI-BOM given with the files: each component's hash against the file it names."""

from __future__ import annotations

import json
from pathlib import Path

from sai.errors import SaiError
from sai.reperform.base import Files, Finding, Outcome
from sai.reperform.digests import current_digest

KIND = "ai-bom"
_ALGORITHMS = {"SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512"}


def _components(path: Path) -> list[dict[str, object]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = document.get("components") if isinstance(document, dict) else None
    return [c for c in found if isinstance(c, dict)] if isinstance(found, list) else []


def check_boms(files: Files) -> list[Finding]:
    """Every CycloneDX AI-BOM (``*.cdx.json``, at the top or one folder down, e.g. the
    report folder) in the files: each component hash re-computed from the file it names."""
    findings = []
    boms = sorted({*files.root.glob("*.cdx.json"), *files.root.glob("*/*.cdx.json")})
    for bom in boms:
        for component in _components(bom):
            name = component.get("name")
            hashes = component.get("hashes")
            path = files.asset_path(name) if isinstance(name, str) else None
            if path is None or not isinstance(hashes, list) or not path.is_file():
                continue
            for entry in hashes:
                if not isinstance(entry, dict) or entry.get("alg") not in _ALGORITHMS:
                    continue
                claimed = f"{_ALGORITHMS[str(entry['alg'])]}:{entry.get('content')}"
                subject = f"{bom.name} {name}"
                try:
                    actual = current_digest(files, path)
                except SaiError as exc:
                    findings.append(Finding(None, KIND, subject, Outcome.UNSETTLED, exc.message))
                    continue
                if not claimed.startswith("sha256:"):
                    continue
                outcome = Outcome.CONFIRMED if actual == claimed else Outcome.CONTRADICTED
                detail = (
                    f"hash {claimed} re-computed"
                    if actual == claimed
                    else f"the AI-BOM says {claimed}, the file gives {actual}"
                )
                findings.append(Finding(None, KIND, subject, outcome, detail))
    return findings


__all__ = ["KIND", "check_boms"]
