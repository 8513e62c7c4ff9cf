"""The guard interface: text plus its context in, a verdict with score, spans and reason out.

Every guard (prompt injection, secrets, PII, leakage, exfiltration, invisible characters) is a
``Guard``. The gateway runs them inline, redteam and monitoring offline; the registry in
:mod:`sai.guards.registry` names each one explicitly.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, NewType, TypeVar

from sai.guards.memo import FieldMemo
from sai.guards.spans import Span, redact

GuardId = NewType("GuardId", str)
_Made = TypeVar("_Made")
#: Heavy resources guards share (loaded models), keyed by what identifies them.
SharedResources = dict[Hashable, object]


class Action(enum.StrEnum):
    """What a guard (or the pipeline) decides to do with the text."""

    allow = "allow"
    redact = "redact"
    review = "review"
    block = "block"

    @property
    def severity(self) -> int:
        """Order for combining verdicts: block > review > redact > allow."""
        return _SEVERITY[self]


_SEVERITY = {Action.allow: 0, Action.redact: 1, Action.review: 2, Action.block: 3}


class Direction(enum.StrEnum):
    """Whether the text goes to the model (input) or comes back from it (output)."""

    input = "input"
    output = "output"


@dataclass(frozen=True)
class GuardContext:
    """Where the text sits: its role and route, the active system prompt, its direction.

    ``canary`` is a token the gateway may plant in the system prompt; its appearance in an
    output proves the prompt leaked. ``data`` lists ``(start, end)`` stretches of the text that
    the model reads as data, not as instructions (tool results, retrieved documents): the
    injection guard scores them with its document detector. ``fields`` lists the stretches
    that arrived as separate strings when a caller joined several into one text (the gateway
    joins a request's message, names and tool descriptions by newlines): a pasted document
    lives inside one field, so field boundaries never count as its lines. ``units`` lists
    stretches (runs of fields: a chat message, a tool definition) that a guard may read each
    on its own, as if each were the whole text. ``memo`` is the request's handle on a cache
    of such results (`sai.guards.memo`): a guard whose result on a unit depends only on the
    unit's text may reuse one; it never changes a verdict.
    """

    direction: Direction = Direction.input
    role: str = "user"
    route: str = ""
    system_prompt: str | None = None
    canary: str | None = None
    data: tuple[tuple[int, int], ...] = ()
    fields: tuple[tuple[int, int], ...] = ()
    units: tuple[tuple[int, int], ...] = ()
    memo: FieldMemo | None = field(default=None, compare=False, repr=False)


def assembled(cls: type[_Made], **fields: Any) -> _Made:
    """``cls(**fields)`` for a frozen dataclass without ``__post_init__``, every field given:
    the same object, its fields set at once instead of by ``__init__``'s ``object.__setattr__``
    per field (about 2,000 instructions each; the gateway makes a few such objects per
    request)."""
    made = object.__new__(cls)
    made.__dict__.update(fields)
    return made


@dataclass(frozen=True)
class GuardResult:
    """One scanner's verdict on one text.

    ``score`` is in [0, 1] (1 = surely a finding); ``redacted`` is set exactly when the action
    is ``redact``.
    """

    scanner: GuardId
    action: Action
    score: float
    reason: str
    spans: tuple[Span, ...] = ()
    redacted: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} is outside [0, 1]")
        if (self.action is Action.redact) != (self.redacted is not None):
            raise ValueError("redacted text is given exactly when the action is redact")

    @property
    def flagged(self) -> bool:
        """Whether the guard found something (any action other than allow)."""
        return self.action is not Action.allow


class OnMatch(enum.StrEnum):
    """The configured action when a guard matches."""

    redact = "redact"
    review = "review"
    block = "block"


@dataclass(frozen=True)
class GuardSettings:
    """Per-scanner configuration from sai.yaml: the threshold and the action on a match.

    ``threshold`` None means the scanner's own default (for the injection detector, the one
    chosen on the validation split); ``on_match`` None means the scanner's default action.
    """

    threshold: float | None = None
    on_match: OnMatch | None = None
    options: tuple[tuple[str, str], ...] = field(default=())

    def option(self, key: str, default: str) -> str:
        """A guard-specific option (string-valued), or ``default``."""
        return dict(self.options).get(key, default)


class Guard(abc.ABC):
    """A text guard. Implementations are stateless after construction and thread-safe."""

    #: Stable name used in sai.yaml, the CLI and evidence.
    name: ClassVar[GuardId]
    #: The directions this guard is meant for (it still runs if asked on another).
    directions: ClassVar[frozenset[Direction]]
    #: Whether ``redact`` is a meaningful action (some findings cannot be cut out).
    can_redact: ClassVar[bool] = True
    #: The action on a match when the settings name none.
    default_action: ClassVar[OnMatch] = OnMatch.block
    #: Whether scanning a short text is a brief step that holds the GIL throughout (see
    #: ``light``); a guard class that knows it is says so.
    runs_light: ClassVar[bool] = False
    #: Whether ``scan`` uses ``GuardContext.memo``, so a caller knows to pass one.
    uses_memo: ClassVar[bool] = False

    def __init__(self, settings: GuardSettings | None = None) -> None:
        self.settings = settings if settings is not None else self.default_settings()
        #: `clean`'s results by reason, and the settings they follow from.
        self._cleaned: tuple[GuardSettings, dict[str, GuardResult]] = (self.settings, {})

    @classmethod
    def build(cls, settings: GuardSettings | None, shared: SharedResources) -> Guard:
        """A guard with ``settings``, reusing what ``shared`` already holds (a loaded model,
        say) and adding what it loads, so several guards share one copy."""
        return cls(settings)

    @classmethod
    def default_settings(cls) -> GuardSettings:
        """The settings used when sai.yaml says nothing about this guard."""
        return GuardSettings()

    @property
    def light(self) -> bool:
        """Whether scanning a short text is a brief, pure-CPU step that holds the GIL throughout
        (regular expressions, small numpy arrays): a worker thread would then gain nothing, so
        the gateway runs it on its event loop and saves the hand-off. False unless declared."""
        return self.runs_light

    @property
    def threshold(self) -> float:
        """The score at or above which the guard acts."""
        return self.settings.threshold if self.settings.threshold is not None else 0.5

    @property
    def action(self) -> OnMatch:
        """The configured action on a match."""
        return self.settings.on_match or self.default_action

    @abc.abstractmethod
    def scan(self, text: str, context: GuardContext) -> GuardResult:
        """Scan ``text`` in ``context``; never raises for any string input."""

    def verdict(
        self,
        text: str,
        score: float,
        spans: Sequence[Span],
        reason: str,
        *,
        redacted: str | None = None,
    ) -> GuardResult:
        """Turn a score and spans into a result using this scanner's threshold and action.

        ``redacted`` overrides the default redaction (each span replaced by a placeholder).
        A redact action without anything to cut out becomes block.
        """
        score = min(1.0, max(0.0, score))
        if score < self.threshold:
            return GuardResult(self.name, Action.allow, score, reason)
        action = Action(self.action.value)
        if action is Action.redact and (not self.can_redact or not spans):
            action = Action.block
        if action is Action.redact:
            redacted = redacted if redacted is not None else redact(text, spans)
        else:
            redacted = None
        return GuardResult(self.name, action, score, reason, tuple(spans), redacted)

    def clean(self, reason: str) -> GuardResult:
        """``verdict(text, 0.0, (), reason)``: the result when nothing was found, made once per
        reason and shared. Without spans it does not depend on the text (allow below the
        threshold; else the action on a match, redact becoming block), and a guard whose
        threshold and action follow from its settings alone gets it anew when they change."""
        settings, known = self._cleaned
        if settings is not self.settings:
            settings, known = self._cleaned = (self.settings, {})
        found = known.get(reason)
        if found is None:
            found = known[reason] = self.verdict("", 0.0, (), reason)
        return found


__all__ = [
    "Action",
    "Direction",
    "Guard",
    "GuardContext",
    "GuardId",
    "GuardResult",
    "GuardSettings",
    "OnMatch",
    "SharedResources",
    "Span",
    "assembled",
    "redact",
]
