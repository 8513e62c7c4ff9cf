"""Which functions the AI called, read from the gateway's audit (5.1.2-6, 5.1.3-1.2).

The gateway names the functions each answer calls in its ``gateway.request`` entry
(``tool_calls``; never the arguments). `observe_tool_calls` reads the newest chat entries of
the last `WINDOW` (at most `SAMPLE` of them) and says what it saw and over which stretch of
time, so an unused permission is always stated with the window it was unused in. With no
answer from the model in the window, nothing can be said (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sai.ledger.entry import format_time
from sai.ledger.kinds import Kind
from sai.ledger.measured import EvidenceReader, MeasuredEvidence

WINDOW = timedelta(days=30)
#: The most entries read; beyond it the window observed is shorter than `WINDOW`.
SAMPLE = 20_000
#: The gateway route whose answers can carry tool calls.
_ROUTE = "chat"


@dataclass(frozen=True)
class ToolUsage:
    """The functions called in the answers the gateway logged over a stretch of time
    (``since`` to ``until``: the window read; ``entries``: the oldest and newest answer)."""

    called: frozenset[str]
    answers: int
    with_calls: int
    since: datetime
    until: datetime
    entries: tuple[int, int]

    def to_data(self) -> dict[str, object]:
        """The window observed, as recorded beside each tool (integers and text only)."""
        return {
            "since": format_time(self.since),
            "until": format_time(self.until),
            "answers": self.answers,
            "answers_with_calls": self.with_calls,
            "first_entry": self.entries[0],
            "last_entry": self.entries[1],
        }

    def describe(self) -> str:
        """One line: how much traffic over which dates."""
        return (
            f"{self.answers} answers logged by the gateway from {_short(self.since)} to "
            f"{_short(self.until)} (entries {self.entries[0]}-{self.entries[1]}), "
            f"{self.with_calls} with tool calls"
        )


def _short(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def observe_tool_calls(
    ledger: EvidenceReader, now: datetime, *, window: timedelta = WINDOW, sample: int = SAMPLE
) -> ToolUsage | None:
    """The tool calls in the gateway's chat answers of the last ``window``, or None when the
    gateway logged no answer from the model in it. Only control-produced entries count."""
    entries = MeasuredEvidence(ledger).query(
        kind=Kind.GATEWAY_REQUEST.value,
        subject=_ROUTE,
        since=now - window,
        limit=sample,
        descending=True,
    )
    # an answer is an entry whose upstream replied (its response was digested)
    answers = [e for e in entries if e.evidence.data.get("response_digest")]
    if not answers:
        return None
    called: set[str] = set()
    with_calls = 0
    for entry in answers:
        names = entry.evidence.data.get("tool_calls") or ()
        if isinstance(names, list | tuple) and names:
            with_calls += 1
            called.update(n for n in names if isinstance(n, str))
    # the whole window was read unless the sample ran out first
    capped = len(entries) >= sample
    return ToolUsage(
        called=frozenset(called),
        answers=len(answers),
        with_calls=with_calls,
        since=entries[-1].evidence.time if capped else now - window,
        until=now,
        entries=(answers[-1].index, answers[0].index),
    )


__all__ = ["SAMPLE", "WINDOW", "ToolUsage", "observe_tool_calls"]
