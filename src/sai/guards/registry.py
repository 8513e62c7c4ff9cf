"""The explicit registry of guards, and building them from configuration.

Adding a guard means adding it here; the contract test in tests/guards/test_contract.py
walks every entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from sai.guards.base import Direction, Guard, GuardId, GuardSettings, SharedResources
from sai.guards.errors import GuardConfigError
from sai.guards.exfiltration import ExfiltrationGuard
from sai.guards.injection.guard import InjectionGuard
from sai.guards.invisible import InvisibleGuard
from sai.guards.leakage import LeakageGuard
from sai.guards.pii import PiiGuard
from sai.guards.secrets import SecretsGuard

GUARDS: Mapping[GuardId, type[Guard]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            InjectionGuard,
            InvisibleGuard,
            SecretsGuard,
            PiiGuard,
            LeakageGuard,
            ExfiltrationGuard,
        )
    }
)

#: Scanners run when the configuration names none, per direction.
DEFAULT_GUARDS: Mapping[Direction, tuple[GuardId, ...]] = MappingProxyType(
    {
        Direction.input: tuple(GuardId(n) for n in ("invisible", "injection", "secrets")),
        Direction.output: tuple(
            GuardId(n) for n in ("invisible", "leakage", "exfiltration", "secrets", "pii")
        ),
    }
)


def guard_class(name: str) -> type[Guard]:
    """The guard registered under ``name``; the error lists the valid names."""
    try:
        return GUARDS[GuardId(name)]
    except KeyError:
        raise GuardConfigError(
            f"unknown guard {name!r}", hint=f"choose from {', '.join(sorted(GUARDS))}"
        ) from None


def build_guards(
    names: Sequence[str],
    settings: Mapping[str, GuardSettings] | None = None,
    *,
    shared: SharedResources | None = None,
) -> tuple[Guard, ...]:
    """Instantiate ``names`` in order, each with its settings (or its defaults).

    ``shared`` keeps loaded resources (detector models) across calls: pass the same dict to
    build guards that differ only in settings without loading a model twice.
    """
    table = settings or {}
    cache: SharedResources = shared if shared is not None else {}
    return tuple(guard_class(name).build(table.get(name), cache) for name in names)


__all__ = ["DEFAULT_GUARDS", "GUARDS", "build_guards", "guard_class"]
