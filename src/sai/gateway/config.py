"""The gateway's settings: read from sai.yaml's ``gateway``, ``upstream`` and ``guards``
sections, with command-line and environment overrides, into frozen values. The guard
policy is resolved in :mod:`sai.gateway._guard_policy` (re-exported here).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from sai.gateway._guard_policy import GuardPlan, GuardPolicy, guard_policy, scanner_settings
from sai.gateway.errors import GatewayConfigError
from sai.manifest import LoadedManifest
from sai.manifest.schema import (
    GatewayRoute,
    GatewaySpec,
    GuardsSpec,
    Manifest,
    ModelFormat,
    Sensitivity,
)

#: Environment variable naming the Redis that shares rate limits between workers and replicas.
REDIS_URL_ENV = "SAI_REDIS_URL"
_SKLEARN_FORMATS = (ModelFormat.sklearn_pickle, ModelFormat.joblib)


@dataclass(frozen=True)
class LimitPolicy:
    """Limits per API key (and one shared by the whole role); None means unlimited."""

    window_seconds: int = 60
    requests: int | None = 60
    tokens: int | None = None
    concurrent: int | None = 16
    role_requests: int | None = None


@dataclass(frozen=True)
class RolePolicy:
    """What keys of one role may call, which models they may use, and their limits."""

    name: str
    routes: frozenset[GatewayRoute]
    models: tuple[str, ...] = ("*",)
    preview: bool = False
    limits: LimitPolicy = LimitPolicy()
    guards: bool = True
    system_messages: bool = False


@dataclass(frozen=True)
class ModelRoute:
    """A client-facing model name and the upstream model (and URL) it maps to."""

    name: str
    upstream_model: str
    base_url: str | None = None
    preview: bool = False


@dataclass(frozen=True)
class GatewayConfig:
    """Everything the running gateway needs, resolved and checked."""

    upstream_url: str | None = None
    upstream_api_key: str | None = field(default=None, repr=False)
    upstream_model: str | None = None
    upstream_timeout: float = 60.0
    host: str = "127.0.0.1"
    port: int = 8787
    roles: Mapping[str, RolePolicy] = field(default_factory=lambda: MappingProxyType({}))
    models: tuple[ModelRoute, ...] = ()
    max_body_bytes: int = 1_048_576
    max_tokens: int | None = None
    body_timeout: float = 10.0
    guards: GuardPolicy = GuardPolicy()  # noqa: RUF009 (frozen: one shared default is safe)
    audit_text: bool = False
    redis_url: str | None = None
    unsafe_fail_open_without_limiter: bool = False
    predict_models: Mapping[str, Path] = field(default_factory=lambda: MappingProxyType({}))
    feature_log_rate: float = 1.0
    #: Local models trained on personal data: their feature log keeps bands, not values.
    personal_models: frozenset[str] = frozenset()
    system: str = "gateway"
    failed_auth_limit: int | None = 30
    auth_window_seconds: int = 60
    address_header: bytes | None = None
    #: Published documents served without a key (``.sai/public/``); None serves none.
    public_dir: Path | None = None

    def role(self, name: str) -> RolePolicy | None:
        """The policy of role ``name``, or None when the role is not configured."""
        return self.roles.get(name)


def _roles(spec: GatewaySpec) -> dict[str, RolePolicy]:
    policies = spec.policies
    roles: dict[str, RolePolicy] = {}
    for name, role in spec.roles.items():
        limits = LimitPolicy(
            window_seconds=policies.window_seconds,
            requests=role.requests_per_minute or policies.requests_per_minute,
            tokens=role.tokens_per_minute or policies.tokens_per_minute,
            concurrent=policies.concurrent_requests,
            role_requests=role.role_requests_per_minute,
        )
        roles[name] = RolePolicy(
            name=name,
            routes=frozenset(role.routes),
            models=tuple(role.models),
            preview=role.preview,
            limits=limits,
            guards=role.guards,
            system_messages=role.system_messages,
        )
    return roles


def config_for(
    upstream_url: str | None,
    *,
    gateway: GatewaySpec | None = None,
    guards: GuardsSpec | None = None,
    **changes: object,
) -> GatewayConfig:
    """A configuration without a manifest file (the demo, tests and the benchmark)."""
    spec = gateway if gateway is not None else GatewaySpec()
    config = GatewayConfig(
        upstream_url=upstream_url,
        host=spec.host,
        port=spec.port,
        roles=MappingProxyType(_roles(spec)),
        models=_model_routes(spec),
        max_body_bytes=spec.policies.max_body_bytes,
        max_tokens=spec.policies.max_tokens,
        body_timeout=spec.policies.body_timeout_seconds,
        guards=guard_policy(spec, guards if guards is not None else GuardsSpec()),
        audit_text=spec.audit_text,
        unsafe_fail_open_without_limiter=spec.unsafe_fail_open_without_limiter,
        failed_auth_limit=spec.policies.failed_auth_per_address,
        auth_window_seconds=spec.policies.window_seconds,
        address_header=(
            spec.policies.client_address_header.lower().encode("latin-1")
            if spec.policies.client_address_header
            else None
        ),
    )
    return with_overrides(config, **changes)


def _model_routes(spec: GatewaySpec) -> tuple[ModelRoute, ...]:
    models = tuple(ModelRoute(m.name, m.upstream_model, m.base_url, m.preview) for m in spec.models)
    seen: set[str] = set()
    for position, route in enumerate(models):
        if route.name in seen:
            raise GatewayConfigError(
                f"gateway.models[{position}]: the model name {route.name!r} appears twice",
                hint="each client-facing model name maps to exactly one upstream version",
            )
        seen.add(route.name)
    return models


def _predict_models(loaded: LoadedManifest) -> dict[str, Path]:
    return {
        model.name: loaded.resolve(model.path)
        for model in loaded.manifest.models
        if model.path is not None and model.format in _SKLEARN_FORMATS
    }


def personal_models(manifest: Manifest) -> frozenset[str]:
    """Models with a dataset in ``trained_on`` classed personal or special-category, or
    trained on such a dataset since disposed of (what it learnt stays in the model)."""
    personal = {Sensitivity.personal, Sensitivity.special_category}
    marked = {d.name for d in manifest.datasets if d.effective_sensitivity in personal}
    gone = {m for d in manifest.disposed if d.sensitivity in personal for m in d.trained}
    return frozenset(
        m.name for m in manifest.models if marked & set(m.trained_on) or m.name in gone
    )


def config_from_manifest(
    loaded: LoadedManifest,
    *,
    upstream: str | None = None,
    env: Mapping[str, str] | None = None,
) -> GatewayConfig:
    """The gateway configuration of ``loaded``; ``upstream`` overrides the upstream base URL."""
    env = os.environ if env is None else env
    manifest = loaded.manifest
    up = manifest.upstream
    api_key = None
    if up is not None and up.api_key_env is not None:
        api_key = env.get(up.api_key_env)
        if not api_key:
            raise GatewayConfigError(
                f"upstream.api_key_env names {up.api_key_env}, which is not set",
                hint=f"export {up.api_key_env}=... before starting the gateway",
            )
    return config_for(
        upstream or (up.base_url if up else None),
        gateway=manifest.gateway,
        guards=manifest.guards,
        upstream_api_key=api_key,
        upstream_model=up.model if up else None,
        upstream_timeout=up.timeout_seconds if up else 60.0,
        redis_url=env.get(REDIS_URL_ENV) or None,
        predict_models=MappingProxyType(_predict_models(loaded)),
        feature_log_rate=manifest.monitoring.extraction.sample_rate,
        personal_models=personal_models(manifest),
        system=manifest.name,
    )


def with_overrides(config: GatewayConfig, **changes: object) -> GatewayConfig:
    """A copy of ``config`` with fields replaced (tests, the demo and the benchmark use it)."""
    return replace(config, **changes)  # type: ignore[arg-type]


__all__ = [
    "REDIS_URL_ENV",
    "GatewayConfig",
    "GuardPlan",
    "GuardPolicy",
    "LimitPolicy",
    "ModelRoute",
    "RolePolicy",
    "config_for",
    "config_from_manifest",
    "personal_models",
    "scanner_settings",
    "with_overrides",
]
