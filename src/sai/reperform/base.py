"""The re-performer seam: re-run what a cited entry claims, from the files an auditor holds.

A `Reperformer` handles some evidence kinds. Given one cited entry and the `Files` the auditor
was given, it re-runs the measurement with the same library code that made the claim (hashing,
model signing, the model scanner) and says whether the files confirm the claim, contradict it,
or cannot settle it (a file that was not given, a measurement that needs more than files).
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from sai.ledger.entry import Evidence
from sai.manifest import LoadedManifest


class Outcome(enum.StrEnum):
    """What re-performing one claim showed."""

    CONFIRMED = "confirmed"
    CONTRADICTED = "contradicted"
    UNSETTLED = "unsettled"


@dataclass(frozen=True)
class Finding:
    """One re-performed claim: the entry (None for a given file such as the AI-BOM), what."""

    index: int | None
    kind: str
    subject: str
    outcome: Outcome
    detail: str

    def line(self) -> str:
        """``#12 asset.recorded model-a: <detail>``."""
        where = "" if self.index is None else f"#{self.index} "
        return f"{where}{self.kind} {self.subject}: {self.detail}"

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "subject": self.subject,
            "outcome": self.outcome.value,
            "detail": self.detail,
        }


@dataclass
class Files:
    """The folder the auditor was given, and the manifest that names paths inside it.

    ``digests`` caches re-computed asset digests by path, so an asset cited by several
    entries is hashed once; ``cache`` holds what a re-performer computed once for all the
    entries it handles (by the re-performer's name).
    """

    root: Path
    manifest: LoadedManifest | None
    digests: dict[Path, str] = field(default_factory=dict)
    cache: dict[str, object] = field(default_factory=dict)

    def asset_path(self, name: str) -> Path | None:
        """The path under ``root`` of the manifest's asset ``name`` (model, data, prompt…)."""
        if self.manifest is None:
            return None
        manifest = self.manifest.manifest
        for group in (manifest.models, manifest.datasets, manifest.prompts, manifest.configs):
            for spec in group:
                if spec.name == name and getattr(spec, "path", None) is not None:
                    return self.manifest.resolve(str(spec.path))
        return None

    def inside(self, relative: str) -> Path | None:
        """``root / relative`` when it stays inside ``root``; None for paths that escape it."""
        path = (self.root / relative).resolve()
        return path if path.is_relative_to(self.root.resolve()) else None


class Reperformer(ABC):
    """Re-performs the claims of some evidence kinds."""

    kinds: ClassVar[frozenset[str]]
    """The evidence kinds this re-performer handles."""

    @abstractmethod
    def check(self, index: int, evidence: Evidence, files: Files) -> list[Finding]:
        """One finding per claim of ``evidence`` (an entry may claim several things)."""

    def finding(
        self, index: int, evidence: Evidence, outcome: Outcome, detail: str, subject: str = ""
    ) -> Finding:
        return Finding(index, evidence.kind, subject or evidence.subject, outcome, detail)


def data_of(evidence: Evidence) -> Mapping[str, Any]:
    """The entry's data (payloads validate themselves where a re-performer needs more)."""
    return evidence.data


__all__ = ["Files", "Finding", "Outcome", "Reperformer", "data_of"]
