"""The gateway's guard policy: which scanners each route and role runs, with what settings,
resolved from sai.yaml's ``guards`` and ``gateway`` sections (re-exported by
:mod:`sai.gateway.config`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from sai.gateway.errors import GatewayConfigError
from sai.guards import Direction, GuardSettings, OnMatch
from sai.ledger.template import NotPlainError, PlainPart
from sai.manifest.guard_policy import EffectiveGuards, guard_policy_problems, resolve_guards
from sai.manifest.schema import GatewaySpec, GuardScannerSpec, GuardsSpec, StreamingMode


@dataclass(frozen=True)
class GuardPlan:
    """The scanners one route and role runs per direction, their settings, and their origin.

    ``sources`` names the sai.yaml fields that shaped the plan; ``canary`` says whether chat
    requests get a canary planted in their system message.
    """

    input: tuple[str, ...] = ()
    output: tuple[str, ...] = ()
    settings: Mapping[str, GuardSettings] = field(default_factory=lambda: MappingProxyType({}))
    canary: bool = False
    sources: tuple[str, ...] = ("guards",)

    def names(self, direction: Direction) -> tuple[str, ...]:
        """The scanners of ``direction``."""
        return self.input if direction is Direction.input else self.output

    def audit(self, *, canary_planted: bool = False) -> Mapping[str, object]:
        """The plan as recorded in an audit entry (a planted canary by fact, never value):
        read-only and made once, so the audit encodes it once too."""
        return self._audits[canary_planted]

    @cached_property
    def _audits(self) -> tuple[AuditedPlan, AuditedPlan]:
        """`audit` without and with a planted canary."""
        out: dict[str, object] = {
            "input": tuple(self.input),
            "output": tuple(self.output),
            "from": tuple(self.sources),
        }
        return AuditedPlan(out), AuditedPlan({**out, "canary": "planted"})


class AuditedPlan(Mapping[str, object]):
    """A guard plan as audit entries record it: read-only, and made an entry part (validated
    and encoded) once; ``part`` is None when it is not canonical data (the entry's general
    path then says why)."""

    __slots__ = ("_items", "part")

    def __init__(self, items: dict[str, object]) -> None:
        self._items = items
        try:
            self.part: PlainPart | None = PlainPart(items)
        except NotPlainError:
            self.part = None

    def __getitem__(self, key: str) -> object:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"AuditedPlan({self._items!r})"


@dataclass(frozen=True)
class GuardPolicy:
    """The scanners per direction, their settings, review triggers and the latency budget.

    ``input``, ``output`` and ``settings`` are the plan of any route and role that ``plans``
    (resolved from sai.yaml at start-up, keyed by route and role) does not name.
    """

    input: tuple[str, ...] = ()
    output: tuple[str, ...] = ()
    settings: Mapping[str, GuardSettings] = field(default_factory=lambda: MappingProxyType({}))
    review_on: frozenset[str] = frozenset()
    budget_ms: int = 250
    #: Per-field results the guards may reuse (`sai.guards.memo`); 0: no cache.
    cache_entries: int = 50_000
    #: Chat roles whose messages are data (the injection guard's document detector reads them).
    data_roles: frozenset[str] = frozenset({"tool", "function"})
    streaming: StreamingMode = StreamingMode.buffer
    plans: Mapping[tuple[str, str], GuardPlan] = field(default_factory=lambda: MappingProxyType({}))

    @cached_property
    def default_plan(self) -> GuardPlan:
        """The plan of a route and role without one of their own (made once)."""
        return GuardPlan(self.input, self.output, self.settings)

    def plan(self, route: str, role: str) -> GuardPlan:
        """The plan of ``route`` for keys of ``role``."""
        return self.plans.get((route, role)) or self.default_plan


def scanner_settings(spec: GuardScannerSpec) -> GuardSettings:
    """A manifest scanner section as the scanners' own settings value."""
    return GuardSettings(
        threshold=spec.threshold,
        on_match=OnMatch(spec.action.value) if spec.action is not None else None,
        options=tuple(sorted(spec.options.items())),
    )


def _plan(policy: EffectiveGuards) -> GuardPlan:
    return GuardPlan(
        input=tuple(name.value for name in policy.input),
        output=tuple(name.value for name in policy.output),
        settings=MappingProxyType(
            {name.value: scanner_settings(spec) for name, spec in policy.scanners.items()}
        ),
        canary=policy.canary,
        sources=policy.sources,
    )


def guard_policy(spec: GatewaySpec, guards: GuardsSpec) -> GuardPolicy:
    """The guard policy of ``guards``; an error-severity policy problem is refused."""
    for problem in guard_policy_problems(guards, spec):
        if problem.severity == "error":
            where = ".".join(str(part) for part in problem.loc)
            raise GatewayConfigError(f"{where}: {problem.message}", hint=problem.hint)
    plans = {
        (route.value, role): _plan(policy)
        for (route, role), policy in resolve_guards(guards, spec).items()
    }
    return GuardPolicy(
        input=tuple(name.value for name in guards.input),
        output=tuple(name.value for name in guards.output),
        settings=MappingProxyType(
            {name.value: scanner_settings(item) for name, item in guards.scanners.items()}
        ),
        review_on=frozenset(name.value for name in spec.policies.review_on),
        data_roles=frozenset(spec.policies.data_roles),
        budget_ms=spec.guard_budget_ms,
        cache_entries=spec.guard_cache_entries,
        streaming=spec.streaming,
        plans=MappingProxyType(plans),
    )
