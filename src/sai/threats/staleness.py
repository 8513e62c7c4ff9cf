"""Changes since the last review (5.1.3-1.1), each named by the ledger entry that shows it.

Read from entries after the review: ``manifest.recorded`` (sai.yaml as assessed),
``prompt.version`` (the prompt registry), ``asset.changed`` (inventory scans),
``model.trained`` and later ``threats.model`` entries, whose basis is compared with the reviewed
one. Changes on disk that no entry shows yet are listed with no entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from sai.ledger import Entry
from sai.ledger.kinds import PayloadError
from sai.ledger.kinds.threats import ThreatsModel
from sai.threats.basis import Basis
from sai.threats.controls import LedgerReader
from sai.threats.record import MODEL_KIND, Reviewed

_KINDS = ("manifest.recorded", "prompt.version", "asset.changed", "model.trained", MODEL_KIND)


@dataclass(frozen=True)
class Change:
    """One change the last review did not see; ``entry`` is None when only on disk."""

    what: str
    entry: int | None

    def describe(self) -> str:
        """``what (entry N)`` or ``what (on disk, not yet recorded)``."""
        where = f"entry {self.entry}" if self.entry is not None else "on disk, not recorded yet"
        return f"{self.what} ({where})"


def _model_changes(entry: Entry, reviewed: Basis, system: str) -> list[str]:
    if entry.evidence.subject != system:
        return []
    try:
        recorded = ThreatsModel.from_evidence(entry.evidence).basis
    except PayloadError:
        return ["a malformed threat model entry"]
    return Basis.from_part(recorded).changes_since(reviewed)


def _from_entry(entry: Entry, reviewed: Basis, system: str) -> list[str]:
    ev = entry.evidence
    data = ev.data
    if ev.kind == "manifest.recorded":
        changed = ev.subject == system and data.get("digest") != reviewed.manifest
        return ["sai.yaml changed"] if changed else []
    if ev.kind == MODEL_KIND:
        return _model_changes(entry, reviewed, system)
    if ev.subject not in reviewed.files:
        return []
    digest = data.get("after") if ev.kind == "asset.changed" else data.get("digest")
    if not isinstance(digest, str) or digest == reviewed.files[ev.subject]:
        return []
    verb = "retrained" if ev.kind == "model.trained" else "changed"
    return [f"{ev.subject} {verb}"]


def changes_since_review(
    ledger: LedgerReader, reviewed: Reviewed, system: str, current: Basis | None = None
) -> tuple[Change, ...]:
    """Every change after ``reviewed``, oldest first; ``current`` adds what is only on disk."""
    basis = reviewed.basis
    found: dict[str, Change] = {}
    entries = [
        e
        for kind in _KINDS
        for e in ledger.query(kind=kind, since=reviewed.review.evidence.time)
        if e.index > reviewed.review.index
    ]
    # NOTE: a change shows in its own entry and again in later threat models; the first
    # entry that shows it is the one named.
    for entry in sorted(entries, key=lambda e: e.index):
        for what in _from_entry(entry, basis, system):
            found.setdefault(what, Change(what, entry.index))
    if current is not None:
        for what in current.changes_since(basis):
            found.setdefault(what, Change(what, None))
    return tuple(found.values())


__all__ = ["Change", "changes_since_review"]
