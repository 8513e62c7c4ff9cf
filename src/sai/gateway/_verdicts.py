"""What the guards decided: one `GuardDecision` per scanner, combined in a `GuardOutcome`.

Also the joining of a request's strings into the one text the scanners read, and the
splitting of merged redactions back onto those strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from sai.guards import Action, Direction, Span
from sai.guards.base import redact
from sai.ledger.template import NotPlainError, PlainPart

#: Combining order of the actions a decision records (block > review > redact > allow).
SEVERITY = {"allow": 0, "none": 0, "redact": 1, "review": 2, "block": 3}
_NAMES = {action: action.value for action in Action}


@dataclass(frozen=True)
class GuardDecision:
    """One scanner's applied verdict, as recorded in the audit entry."""

    scanner: str
    direction: str
    action: str
    score_bp: int
    reason: str
    state: str = "ran"
    #: Where the finding is: ``(start, end, label)`` character offsets into the scanned text
    #: (the segments joined by newlines); offsets only, never the text itself.
    spans: tuple[tuple[int, int, str], ...] = ()

    def as_json(self) -> dict[str, object]:
        """The verdict as canonical-JSON-ready data (no floats); a new dict on each call."""
        if self.spans:
            return self._json()
        return {**self._plain}

    @cached_property
    def part(self) -> PlainPart | None:
        """`as_json` validated and encoded once, as an item of an entry's ``verdicts`` array
        (shared decisions are recorded by many requests); None when it is not exactly-typed
        canonical data (the entry then takes the general path, which says what is wrong)."""
        try:
            return PlainPart(self._json(), 3)
        except NotPlainError:
            return None

    @cached_property
    def _plain(self) -> dict[str, object]:
        """`as_json` of a verdict without spans, made once (a decision may be recorded by
        many requests); never handed out, only copies of it."""
        return self._json()

    def _json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "scanner": self.scanner,
            "direction": self.direction,
            "action": self.action,
            "score_bp": self.score_bp,
            "reason": self.reason[:300],
            "state": self.state,
        }
        if self.spans:
            out["spans"] = [[start, end, label] for start, end, label in self.spans[:8]]
        return out


@dataclass(frozen=True)
class GuardOutcome:
    """The combined action, the per-scanner verdicts and the (possibly redacted) segments."""

    action: Action
    verdicts: tuple[GuardDecision, ...]
    segments: tuple[str, ...]

    @property
    def state(self) -> str:
        """What the audit records for the direction: the action, or ``skipped`` when no
        scanner ran (never ``allow`` for a check that did not run)."""
        for verdict in self.verdicts:
            if verdict.state != "skipped":
                return _NAMES[self.action]
        return "skipped" if self.verdicts else _NAMES[self.action]

    @property
    def blocked_by(self) -> tuple[str, ...]:
        """Scanners whose verdict was block (including ones that failed to run)."""
        return tuple(v.scanner for v in self.verdicts if v.action == "block")


def skipped(direction: Direction, why: str) -> tuple[GuardDecision, ...]:
    """A single audit verdict saying the direction's guards did not run, and why (the same
    decision for the same direction and reason: its entry form is then made once)."""
    key = (direction, why)
    known = _SKIPPED.get(key)
    if known is None:
        if len(_SKIPPED) >= _SKIPPED_MOST:
            _SKIPPED.clear()
        known = _SKIPPED[key] = (GuardDecision("*", direction.value, "none", 0, why, "skipped"),)
    return known


#: `skipped`'s decisions by direction and reason (a few per configuration; forgotten all at
#: once beyond this many).
_SKIPPED_MOST = 256
_SKIPPED: dict[tuple[Direction, str], tuple[GuardDecision, ...]] = {}


def join(segments: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The segments joined by newlines, and where each one lies in the joined text."""
    if len(segments) == 1:  # an answer's one string, mostly
        text = segments[0]
        return text, ((0, len(text)),)
    bounds: list[tuple[int, int]] = []
    position = 0
    for segment in segments:
        end = position + len(segment)
        bounds.append((position, end))
        position = end + 1
    return "\n".join(segments), tuple(bounds)


def runs(bounds: Sequence[tuple[int, int]], groups: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """The stretches of consecutive ``bounds`` whose ``groups`` agree (a unit's fields and
    the newlines between them)."""
    out: list[tuple[int, int]] = []
    last: int | None = None
    for (start, end), group in zip(bounds, groups, strict=True):
        if out and group == last:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        last = group
    return tuple(out)


def split_redaction(
    segments: Sequence[str], bounds: Sequence[tuple[int, int]], spans: Sequence[Span]
) -> tuple[str, ...]:
    """The segments with the ``spans`` (offsets into the joined text) redacted in each."""
    out: list[str] = []
    for segment, (start, end) in zip(segments, bounds, strict=True):
        local = [
            Span(max(s.start, start) - start, min(s.end, end) - start, s.label)
            for s in spans
            if s.start < end and s.end > start
        ]
        out.append(redact(segment, local) if local else segment)
    return tuple(out)


__all__ = [
    "SEVERITY",
    "GuardDecision",
    "GuardOutcome",
    "join",
    "runs",
    "skipped",
    "split_redaction",
]
