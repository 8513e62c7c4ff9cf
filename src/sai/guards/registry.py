"""The explicit registry of scanners, and building them from configuration.

Adding a scanner means adding it here; the contract test in tests/guards/test_contract.py
walks every entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from sai.guards.base import Direction, Scanner, ScannerName, ScannerSettings, SharedResources
from sai.guards.errors import GuardConfigError
from sai.guards.exfiltration import ExfiltrationScanner
from sai.guards.injection.scanner import InjectionScanner
from sai.guards.invisible import InvisibleScanner
from sai.guards.leakage import LeakageScanner
from sai.guards.pii import PiiScanner
from sai.guards.secrets import SecretsScanner

SCANNERS: Mapping[ScannerName, type[Scanner]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            InjectionScanner,
            InvisibleScanner,
            SecretsScanner,
            PiiScanner,
            LeakageScanner,
            ExfiltrationScanner,
        )
    }
)

#: Scanners run when the configuration names none, per direction.
DEFAULT_SCANNERS: Mapping[Direction, tuple[ScannerName, ...]] = MappingProxyType(
    {
        Direction.input: tuple(ScannerName(n) for n in ("invisible", "injection", "secrets")),
        Direction.output: tuple(
            ScannerName(n) for n in ("invisible", "leakage", "exfiltration", "secrets", "pii")
        ),
    }
)


def scanner_class(name: str) -> type[Scanner]:
    """The scanner registered under ``name``; the error lists the valid names."""
    try:
        return SCANNERS[ScannerName(name)]
    except KeyError:
        raise GuardConfigError(
            f"unknown scanner {name!r}", hint=f"choose from {', '.join(sorted(SCANNERS))}"
        ) from None


def build_scanners(
    names: Sequence[str],
    settings: Mapping[str, ScannerSettings] | None = None,
    *,
    shared: SharedResources | None = None,
) -> tuple[Scanner, ...]:
    """Instantiate ``names`` in order, each with its settings (or its defaults).

    ``shared`` keeps loaded resources (detector models) across calls: pass the same dict to
    build scanners that differ only in settings without loading a model twice.
    """
    table = settings or {}
    cache: SharedResources = shared if shared is not None else {}
    return tuple(scanner_class(name).build(table.get(name), cache) for name in names)


__all__ = ["DEFAULT_SCANNERS", "SCANNERS", "build_scanners", "scanner_class"]
