"""What the threat checks share: the latest threat model and review, and changes since it.

They read ``threats.model`` / ``threats.review`` entries (written by `sai threats model` and
`sai threats review`) and the entries that change what a review saw: ``manifest.recorded``,
``prompt.version``, ``asset.changed``, ``model.trained`` and later ``threats.model`` entries
whose basis differs. A malformed entry makes the state a reason to be inconclusive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import Kind, PayloadError
from sai.ledger.kinds.threats import ThreatBasis, ThreatsModel, ThreatsReview

NO_MODEL = (
    "no threat model of this system in the ledger; run `sai threats model`, read it, and "
    "record the review with `sai threats review --by NAME`"
)
_CHANGE_KINDS = (
    Kind.MANIFEST_RECORDED,
    Kind.PROMPT_VERSION,
    Kind.ASSET_CHANGED,
    Kind.MODEL_TRAINED,
)


#: What every threat check reads: the model, its review, and the entries that change it.
READS: tuple[Kind, ...] = (Kind.THREATS_MODEL, Kind.THREATS_REVIEW, *_CHANGE_KINDS)


@dataclass(frozen=True)
class ThreatState:
    """The latest model, the latest review (and the model it approved), and what changed."""

    model: Entry
    payload: ThreatsModel
    review: Entry | None = None
    reviewed: ThreatsReview | None = None
    changes: tuple[tuple[str, int], ...] = ()

    @property
    def used(self) -> list[int]:
        """The entries behind this state."""
        out = [self.model.index]
        if self.review is not None and self.reviewed is not None:
            out += [self.review.index, self.reviewed.model_entry]
        return out + [index for _, index in self.changes[:5]]

    def changes_text(self) -> str:
        """``a (entry 4), b (entry 7)``."""
        shown = [f"{what} (entry {index})" for what, index in self.changes[:5]]
        more = len(self.changes) - len(shown)
        return ", ".join(shown) + (f", … (+{more} more)" if more > 0 else "")


def _mapping_changes(
    prefix: str, old: Mapping[str, object], new: Mapping[str, object], suffix: str = ""
) -> list[str]:
    out = [f"{prefix}{n}{suffix} changed" for n in new if n in old and old[n] != new[n]]
    out += [f"{prefix}{n} added" for n in new if n not in old]
    return out + [f"{prefix}{n} removed" for n in old if n not in new]


def _basis_changes(before: ThreatBasis, after: ThreatBasis) -> list[str]:
    out = ["sai.yaml changed"] if before.manifest != after.manifest else []
    out += _mapping_changes("", before.files, after.files)
    out += _mapping_changes("tool ", before.tools, after.tools, " permissions")
    return out + (["threats.yaml changed"] if before.rules != after.rules else [])


def _entry_changes(entry: Entry, basis: ThreatBasis, system: str) -> list[str]:
    ev = entry.evidence
    if ev.kind == Kind.THREATS_MODEL:
        try:
            other = ThreatsModel.from_evidence(ev).basis
        except PayloadError:
            return ["a malformed threat model"]
        return _basis_changes(basis, other) if ev.subject == system else []
    if ev.kind == Kind.MANIFEST_RECORDED:
        same = ev.subject != system or ev.data.get("digest") == basis.manifest
        return [] if same else ["sai.yaml changed"]
    digest = ev.data.get("after") if ev.kind == Kind.ASSET_CHANGED else ev.data.get("digest")
    old = basis.files.get(ev.subject)
    if old is None or not isinstance(digest, str) or digest == old:
        return []
    return [f"{ev.subject} {'retrained' if ev.kind == Kind.MODEL_TRAINED else 'changed'}"]


def changes_after(
    ctx: CheckContext, review: Entry, basis: ThreatBasis, system: str
) -> tuple[tuple[str, int], ...]:
    """Changes recorded after ``review`` that its ``basis`` does not include."""
    entries = [
        e
        for kind in (*_CHANGE_KINDS, Kind.THREATS_MODEL)
        for e in ctx.evidence.query(kind=kind, since=review.evidence.time)
        if e.index > review.index
    ]
    found: dict[str, int] = {}  # the first entry that shows each change
    for entry in sorted(entries, key=lambda e: e.index):
        for what in _entry_changes(entry, basis, system):
            found.setdefault(what, entry.index)
    return tuple(found.items())


def threat_state(ctx: CheckContext) -> ThreatState | str:
    """The state of the system's threat model, or the reason there is none to judge."""
    system = ctx.manifest.name
    model = ctx.evidence.latest(kind=Kind.THREATS_MODEL, subject=system)
    if model is None:
        return NO_MODEL
    try:
        payload = ThreatsModel.from_evidence(model.evidence)
    except PayloadError as error:
        return (
            f"threats.model entry {model.index} is malformed ({error.message}); run "
            "`sai threats model` again"
        )
    review = ctx.evidence.latest(kind=Kind.THREATS_REVIEW, subject=system)
    if review is None:
        return ThreatState(model, payload)
    try:
        reviewed = ThreatsReview.from_evidence(review.evidence)
    except PayloadError:
        return ThreatState(model, payload)
    changes = changes_after(ctx, review, reviewed.basis, system)
    return ThreatState(model, payload, review, reviewed, changes)


def reviewed_state(
    check: Check, provision: Provision, ctx: CheckContext
) -> ThreatState | CheckResult:
    """The state when a reviewed model exists with no change since; else an inconclusive."""
    state = threat_state(ctx)
    if isinstance(state, str):
        return check.result(provision, Verdict.INCONCLUSIVE, state, [ctx.manifest_entry])
    if state.review is None or state.reviewed is None:
        return check.result(
            provision,
            Verdict.INCONCLUSIVE,
            f"threat model entry {state.model.index} has no review; read it and run "
            "`sai threats review --by NAME`",
            state.used,
        )
    if state.changes:
        return check.result(
            provision,
            Verdict.INCONCLUSIVE,
            f"the threat model is stale: {state.changes_text()} after the review; run "
            "`sai threats model` and review it again",
            state.used,
        )
    if check.is_stale(state.review, ctx.now):
        return check.result(
            provision,
            Verdict.INCONCLUSIVE,
            f"the last review (entry {state.review.index}) is older than a year; review the "
            "threat model again",
            state.used,
        )
    return state


__all__ = ["NO_MODEL", "READS", "ThreatState", "changes_after", "reviewed_state", "threat_state"]
