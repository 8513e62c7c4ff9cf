"""Run every registered re-performer over the cited entries, and the AI-BOM check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic
import yaml

from sai.errors import InputError, SaiError
from sai.ledger.entry import Evidence
from sai.ledger.kinds import Kind
from sai.manifest import LoadedManifest, Manifest
from sai.reperform.base import Files, Finding, Outcome, Reperformer
from sai.reperform.bom import KIND as BOM_KIND
from sai.reperform.bom import check_boms
from sai.reperform.digests import AssetDigests
from sai.reperform.rollups import GatewayRollups
from sai.reperform.scans import ModelScans
from sai.reperform.signatures import ModelSignatures

REPERFORMERS: tuple[Reperformer, ...] = (
    AssetDigests(),
    ModelSignatures(),
    ModelScans(),
    GatewayRollups(),
)
"""Every re-performer; a kind is handled by at most one (the contract test holds this)."""


def reperformable_kinds() -> tuple[str, ...]:
    """The evidence kinds whose claims can be re-run from files, and the AI-BOM."""
    return (*sorted(k for r in REPERFORMERS for k in r.kinds), BOM_KIND)


@dataclass(frozen=True)
class ReperformOutcome:
    """Every finding, and which cited entries no re-performer handles."""

    findings: tuple[Finding, ...]
    not_reperformable: tuple[int, ...]
    manifest_note: str | None = None

    @property
    def contradicted(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.outcome is Outcome.CONTRADICTED)

    @property
    def ok(self) -> bool:
        return not self.contradicted

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "findings": [finding.to_json() for finding in self.findings],
            "not_reperformable": list(self.not_reperformable),
            "manifest": self.manifest_note,
        }


def _schema_only(text: str, path: Path) -> LoadedManifest:
    """The manifest's schema, without the checks that its files exist: a file the auditor was
    not given must come out as "not given", not as an unreadable manifest."""
    try:
        manifest = Manifest.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, pydantic.ValidationError) as exc:
        raise InputError(f"the recorded manifest does not parse: {exc}") from exc
    return LoadedManifest(manifest, path.absolute(), path.absolute().parent)


def _manifest(entries: Mapping[int, Evidence], root: Path) -> tuple[LoadedManifest | None, str]:
    """The manifest that names the files: the newest recorded one cited, else root/sai.yaml."""
    recorded = [i for i, e in entries.items() if e.kind == Kind.MANIFEST_RECORDED]
    try:
        if recorded:
            index = max(recorded)
            data = entries[index].data
            text, name = data.get("text"), data.get("file", "sai.yaml")
            if isinstance(text, str) and isinstance(name, str):
                loaded = _schema_only(text, root / Path(name).name)
                return loaded, f"paths from the manifest recorded in entry #{index}"
        if (root / "sai.yaml").is_file():
            text = (root / "sai.yaml").read_text(encoding="utf-8")
            return _schema_only(text, root / "sai.yaml"), "paths from sai.yaml in the files given"
    except (SaiError, OSError, UnicodeDecodeError) as exc:
        return None, f"the manifest cannot be read, so no asset has a path: {exc}"
    return None, "no manifest is cited or given, so no asset has a path"


def reperform(entries: Mapping[int, Evidence], root: Path) -> ReperformOutcome:
    """Re-perform every entry of ``entries`` (index to evidence) from the files under ``root``."""
    manifest, note = _manifest(entries, root)
    files = Files(root=root, manifest=manifest)
    by_kind = {kind: r for r in REPERFORMERS for kind in r.kinds}
    findings: list[Finding] = []
    skipped: list[int] = []
    for index in sorted(entries):
        evidence = entries[index]
        handler = by_kind.get(evidence.kind)
        if handler is None:
            skipped.append(index)
            continue
        findings.extend(handler.check(index, evidence, files))
    findings.extend(check_boms(files))
    return ReperformOutcome(tuple(findings), tuple(skipped), note)


__all__ = ["REPERFORMERS", "ReperformOutcome", "reperform", "reperformable_kinds"]
