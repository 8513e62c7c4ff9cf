"""What the threat checks share: the latest threat model and review, and changes since it.

They read ``threats.model`` / ``threats.review`` entries (written by `sai threats model` and
`sai threats review`) and the entries that change what a review saw: ``manifest.recorded``,
``prompt.version``, ``asset.changed``, ``model.trained`` and later ``threats.model`` entries
whose basis differs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sai.assessment.checks.base import CheckContext
from sai.ledger import Entry

MODEL_KIND = "threats.model"
REVIEW_KIND = "threats.review"
PROVIDER_KIND = "threats.provider"
_CHANGE_KINDS = ("manifest.recorded", "prompt.version", "asset.changed", "model.trained")
NO_MODEL = (
    "no threat model of this system in the ledger; run `sai threats model`, read it, and "
    "record the review with `sai threats review --by NAME`"
)


@dataclass(frozen=True)
class ThreatState:
    """The latest model, the latest review (and the model it approved), and what changed."""

    model: Entry
    review: Entry | None
    reviewed_model: Entry | None
    changes: tuple[tuple[str, int], ...]

    @property
    def data(self) -> Mapping[str, Any]:
        """The latest model's data."""
        return self.model.evidence.data

    @property
    def used(self) -> list[int]:
        """The entries behind this state."""
        out = [self.model.index]
        out += [e.index for e in (self.review, self.reviewed_model) if e is not None]
        return out + [index for _, index in self.changes[:5]]

    def changes_text(self) -> str:
        """``a (entry 4), b (entry 7)``."""
        shown = [f"{what} (entry {index})" for what, index in self.changes[:5]]
        more = len(self.changes) - len(shown)
        return ", ".join(shown) + (f", … (+{more} more)" if more > 0 else "")


def _basis_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    out = ["sai.yaml changed"] if before.get("manifest") != after.get("manifest") else []
    for key, prefix, suffix in (("files", "", ""), ("tools", "tool ", " permissions")):
        old, new = dict(before.get(key) or {}), dict(after.get(key) or {})
        out += [f"{prefix}{n}{suffix} changed" for n in new if n in old and old[n] != new[n]]
        out += [f"{prefix}{n} added" for n in new if n not in old]
        out += [f"{prefix}{n} removed" for n in old if n not in new]
    if before.get("rules") != after.get("rules"):
        out.append("threats.yaml changed")
    return out


def _entry_changes(entry: Entry, basis: Mapping[str, Any], system: str) -> list[str]:
    ev, files = entry.evidence, dict(basis.get("files") or {})
    if ev.kind == MODEL_KIND:
        other = ev.data.get("basis")
        return _basis_changes(basis, other) if isinstance(other, Mapping) else []
    if ev.kind == "manifest.recorded":
        same = ev.subject != system or ev.data.get("digest") == basis.get("manifest")
        return [] if same else ["sai.yaml changed"]
    digest = ev.data.get("after") if ev.kind == "asset.changed" else ev.data.get("digest")
    if ev.subject not in files or not isinstance(digest, str) or digest == files[ev.subject]:
        return []
    return [f"{ev.subject} {'retrained' if ev.kind == 'model.trained' else 'changed'}"]


def changes_after(
    ctx: CheckContext, review: Entry, basis: Mapping[str, Any], system: str
) -> tuple[tuple[str, int], ...]:
    """Changes recorded after ``review`` that its ``basis`` does not include."""
    entries = [
        e
        for kind in (*_CHANGE_KINDS, MODEL_KIND)
        for e in ctx.evidence.query(kind=kind, since=review.evidence.time)
        if e.index > review.index
    ]
    found: dict[tuple[str, int], None] = {}
    for entry in sorted(entries, key=lambda e: e.index):
        for what in _entry_changes(entry, basis, system):
            found[(what, entry.index)] = None
    return tuple(found)


def threat_state(ctx: CheckContext) -> ThreatState | None:
    """The state of the system's threat model, or None when none is recorded."""
    system = ctx.manifest.name
    model = ctx.evidence.latest(kind=MODEL_KIND, subject=system)
    if model is None:
        return None
    review = ctx.evidence.latest(kind=REVIEW_KIND, subject=system)
    if review is None:
        return ThreatState(model, None, None, ())
    target = review.evidence.data.get("model_entry")
    candidates = ctx.evidence.query(kind=MODEL_KIND, subject=system, descending=True, limit=200)
    reviewed = next((e for e in candidates if e.index == target), None)
    basis = review.evidence.data.get("basis")
    if reviewed is None or not isinstance(basis, Mapping):
        return ThreatState(model, review, None, ())
    return ThreatState(model, review, reviewed, changes_after(ctx, review, basis, system))


__all__ = ["NO_MODEL", "PROVIDER_KIND", "ThreatState", "changes_after", "threat_state"]
