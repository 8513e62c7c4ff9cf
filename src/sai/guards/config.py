"""Guard settings from sai.yaml's ``guards:`` section, and the pipelines they describe."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sai.guards.base import Direction, GuardSettings, OnMatch
from sai.guards.errors import GuardConfigError
from sai.guards.pipeline import Pipeline
from sai.guards.registry import DEFAULT_GUARDS, GUARDS, build_guards
from sai.manifest import Manifest
from sai.manifest.schema import GuardsSpec


@dataclass(frozen=True)
class GuardsConfig:
    """Which guards run per direction, and each scanner's settings."""

    input: tuple[str, ...] = DEFAULT_GUARDS[Direction.input]
    output: tuple[str, ...] = DEFAULT_GUARDS[Direction.output]
    settings: Mapping[str, GuardSettings] = field(default_factory=lambda: MappingProxyType({}))

    def pipeline(self, direction: Direction) -> Pipeline:
        """The pipeline for ``direction`` (loads the injection detector when it is used)."""
        names = self.input if direction is Direction.input else self.output
        return Pipeline(build_guards(list(names), self.settings))


def guards_config(manifest: Manifest) -> GuardsConfig:
    """Read and check the manifest's ``guards:`` section; errors name the field."""
    return guards_config_from_spec(manifest.guards)


def guards_config_from_spec(spec: GuardsSpec) -> GuardsConfig:
    """Check a ``guards:`` section (guard names, settings) and turn it into a config."""
    for where, names in (
        ("guards.input", spec.input),
        ("guards.output", spec.output),
        ("guards.scanners", list(spec.scanners)),
    ):
        for position, name in enumerate(str(item) for item in names):
            if name not in GUARDS:
                raise GuardConfigError(
                    f"{where}[{position}]: unknown guard {name!r}",
                    hint=f"choose from {', '.join(sorted(GUARDS))}",
                )
    settings = {
        name: GuardSettings(
            threshold=item.threshold,
            on_match=OnMatch(item.action.value) if item.action is not None else None,
            options=tuple(sorted(item.options.items())),
        )
        for name, item in ((str(key), value) for key, value in spec.scanners.items())
    }
    return GuardsConfig(
        tuple(str(n) for n in spec.input),
        tuple(str(n) for n in spec.output),
        MappingProxyType(settings),
    )


__all__ = ["GuardsConfig", "guards_config", "guards_config_from_spec"]
