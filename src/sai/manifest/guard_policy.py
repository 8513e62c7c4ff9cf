"""The effective guard policy of each gateway route and role, resolved from `sai.yaml`.

Order: ``guards.input`` / ``guards.output`` → replaced by ``guards.routes.<route>`` where it
gives a list → extended by ``guards.roles.<role>`` (``add_input`` on routes whose input is
text, ``add_output`` on routes whose answer is text). Guard settings merge field by field in
the same order. A role with ``gateway.roles.<role>.guards: false`` runs nothing. The gateway
resolves every route and role once at start-up; the assessment reads the same resolution.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from sai.manifest.guards_spec import (
    GuardName,
    GuardRoleSpec,
    GuardRouteSpec,
    GuardScannerSpec,
    GuardsSpec,
)
from sai.manifest.schema import GatewayRoute, GatewaySpec

#: The route groups whose requests carry model traffic, and so have a guard policy.
GUARDED_ROUTES = (
    GatewayRoute.chat,
    GatewayRoute.completions,
    GatewayRoute.embeddings,
    GatewayRoute.predict,
)
#: Routes whose request holds text the input scanners can read.
TEXT_INPUT = frozenset({GatewayRoute.chat, GatewayRoute.completions, GatewayRoute.embeddings})
#: Routes whose answer holds text the output scanners can read.
TEXT_OUTPUT = frozenset({GatewayRoute.chat, GatewayRoute.completions})


@dataclass(frozen=True)
class EffectiveGuards:
    """The scanners that run for one route and role, their settings, and where they came from.

    ``sources`` names the sai.yaml fields that shaped the policy (recorded in audit entries).
    """

    route: GatewayRoute
    role: str
    input: tuple[GuardName, ...]
    output: tuple[GuardName, ...]
    scanners: Mapping[GuardName, GuardScannerSpec]
    canary: bool
    sources: tuple[str, ...]
    enabled: bool = True


@dataclass(frozen=True)
class PolicyProblem:
    """A guard-policy mistake that spans sections, located by its path in the manifest."""

    loc: tuple[str | int, ...]
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"
    target: Literal["value", "key"] = "value"


def merge_settings(base: GuardScannerSpec, override: GuardScannerSpec) -> GuardScannerSpec:
    """``base`` with every field ``override`` sets replaced; options merge by key."""
    return GuardScannerSpec(
        threshold=override.threshold if override.threshold is not None else base.threshold,
        action=override.action if override.action is not None else base.action,
        options={**base.options, **override.options},
    )


def _extended(names: tuple[GuardName, ...], extra: list[GuardName]) -> tuple[GuardName, ...]:
    return (*names, *(name for name in dict.fromkeys(extra) if name not in names))


def _settings(
    names: set[GuardName], layers: list[Mapping[GuardName, GuardScannerSpec]]
) -> Mapping[GuardName, GuardScannerSpec]:
    merged: dict[GuardName, GuardScannerSpec] = {}
    for name in sorted(names):
        found = [layer[name] for layer in layers if name in layer]
        if found:
            spec = found[0]
            for override in found[1:]:
                spec = merge_settings(spec, override)
            merged[name] = spec
    return MappingProxyType(merged)


def effective_guards(
    guards: GuardsSpec, gateway: GatewaySpec, route: GatewayRoute, role: str
) -> EffectiveGuards:
    """The policy for requests of ``route`` made with keys of ``role``."""
    role_spec = gateway.roles.get(role)
    if role_spec is not None and not role_spec.guards:
        source = f"gateway.roles.{role}.guards"
        return EffectiveGuards(route, role, (), (), MappingProxyType({}), False, (source,), False)
    on_route: GuardRouteSpec | None = getattr(guards.routes, route.value, None)
    for_role: GuardRoleSpec | None = guards.roles.get(role)
    sources = ["guards"]
    inputs, outputs = tuple(guards.input), tuple(guards.output)
    layers: list[Mapping[GuardName, GuardScannerSpec]] = [guards.scanners]
    if on_route is not None:
        sources.append(f"guards.routes.{route.value}")
        inputs = tuple(on_route.input) if on_route.input is not None else inputs
        outputs = tuple(on_route.output) if on_route.output is not None else outputs
        layers.append(on_route.scanners)
    if for_role is not None:
        sources.append(f"guards.roles.{role}")
        inputs = _extended(inputs, for_role.add_input)
        outputs = _extended(outputs, for_role.add_output)
        layers.append(for_role.scanners)
    inputs = tuple(dict.fromkeys(inputs)) if route in TEXT_INPUT else ()
    outputs = tuple(dict.fromkeys(outputs)) if route in TEXT_OUTPUT else ()
    canary = guards.canary and route is GatewayRoute.chat and GuardName.leakage in outputs
    settings = _settings({*inputs, *outputs}, layers)
    return EffectiveGuards(route, role, inputs, outputs, settings, canary, tuple(sources))


def resolve_guards(
    guards: GuardsSpec, gateway: GatewaySpec
) -> Mapping[tuple[GatewayRoute, str], EffectiveGuards]:
    """The policy of every guarded route for every gateway role."""
    return MappingProxyType(
        {
            (route, role): effective_guards(guards, gateway, route, role)
            for role in gateway.roles
            for route in GUARDED_ROUTES
        }
    )


def _role_problems(guards: GuardsSpec, gateway: GatewaySpec) -> Iterator[PolicyProblem]:
    for name in guards.roles:
        role = gateway.roles.get(name)
        if role is None:
            known = ", ".join(sorted(gateway.roles))
            yield PolicyProblem(
                ("guards", "roles", name),
                f"'{name}' is not a gateway role",
                f"roles defined in gateway.roles: {known}",
                target="key",
            )
        elif not role.guards:
            yield PolicyProblem(
                ("guards", "roles", name),
                f"role '{name}' runs no guards (gateway.roles.{name}.guards: false), so these "
                "changes have no effect",
                "remove them, or turn the role's guards on",
                severity="warning",
                target="key",
            )


def guard_policy_problems(guards: GuardsSpec, gateway: GatewaySpec) -> list[PolicyProblem]:
    """Mistakes across ``guards`` and ``gateway``: unknown roles, a canary nothing checks."""
    problems = list(_role_problems(guards, gateway))
    if guards.canary:
        chat = [effective_guards(guards, gateway, GatewayRoute.chat, r) for r in gateway.roles]
        if not any(policy.canary for policy in chat):
            problems.append(
                PolicyProblem(
                    ("guards", "canary"),
                    "a canary is planted only where the leakage scanner checks chat answers, "
                    "and it checks none",
                    "add `leakage` to guards.output (or guards.routes.chat.output)",
                )
            )
    return problems


__all__ = [
    "GUARDED_ROUTES",
    "TEXT_INPUT",
    "TEXT_OUTPUT",
    "EffectiveGuards",
    "PolicyProblem",
    "effective_guards",
    "guard_policy_problems",
    "merge_settings",
    "resolve_guards",
]
