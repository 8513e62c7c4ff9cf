"""Authentication (bearer API keys) and authorisation (role → routes, models) per request.

Keys are cached in memory and re-read from the store at most every ``refresh_seconds``, so a
revocation takes effect within that time in every worker; an unknown key id triggers an early
re-read, itself rate-limited so that random keys cannot hammer the database.
"""

from __future__ import annotations

import asyncio
import fnmatch
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sai.gateway.config import GatewayConfig, ModelRoute, RolePolicy
from sai.gateway.errors import HttpError
from sai.gateway.keys import ApiKey, KeyStore, key_id_of, secret_matches
from sai.manifest.schema import GatewayRoute


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: its key and the policy of its role."""

    key: ApiKey
    role: RolePolicy


class AuthError(HttpError):
    """A 401; ``reason`` (missing, malformed, unknown, revoked, expired) is what the
    failed-authentication roll-up counts."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(
            401,
            "invalid_api_key",
            message,
            error_type="authentication_error",
            headers=(("www-authenticate", 'Bearer realm="sai"'),),
        )
        self.reason = reason


class Authenticator:
    """Checks bearer keys against the cached hashes and roles against the configuration."""

    def __init__(
        self,
        store: KeyStore,
        config: GatewayConfig,
        *,
        refresh_seconds: float = 2.0,
        miss_refresh_seconds: float = 0.5,
    ) -> None:
        self._store = store
        self._config = config
        self._refresh = refresh_seconds
        self._miss_refresh = miss_refresh_seconds
        self._keys: dict[str, tuple[ApiKey, bytes]] = {}
        #: key id -> its principal, made once per key as loaded (the roles do not change)
        self._principals: dict[str, Principal] = {}
        self._loaded_at = float("-inf")
        self._lock = asyncio.Lock()

    async def _reload(self, max_age: float) -> None:
        async with self._lock:
            if time.monotonic() - self._loaded_at < max_age:
                return
            rows = await asyncio.to_thread(self._store.all_with_hashes)
            self._keys = {key.key_id: (key, digest) for key, digest in rows}
            self._principals = {}
            self._loaded_at = time.monotonic()

    async def authenticate(self, authorization: str | None) -> Principal:
        """The principal behind an ``Authorization: Bearer sai_...`` header, else 401."""
        if not authorization:
            raise AuthError("missing API key: send `Authorization: Bearer sai_...`", "missing")
        scheme, _, secret = authorization.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthError("the Authorization header must be `Bearer <API key>`", "malformed")
        secret = secret.strip()
        key_id = key_id_of(secret)
        if time.monotonic() - self._loaded_at >= self._refresh:
            await self._reload(self._refresh)
        found = self._keys.get(key_id) if key_id else None
        if found is None and key_id is not None:
            await self._reload(self._miss_refresh)
            found = self._keys.get(key_id)
        if not secret_matches(secret, found[1] if found else None) or found is None:
            raise AuthError("invalid API key", "unknown")
        key = found[0]
        if key.revoked_at is not None or key.expires_at is not None:
            state = key.state(datetime.now(UTC))
            if state != "active":
                raise AuthError(f"the API key {key.key_id} is {state}", state)
        principal = self._principals.get(key.key_id)
        if principal is None or principal.key is not key:
            role = self._config.role(key.role)
            if role is None:
                raise HttpError(
                    403,
                    "role_not_configured",
                    f"the key's role {key.role!r} is not configured in gateway.roles",
                    error_type="permission_error",
                )
            principal = self._principals[key.key_id] = Principal(key, role)
        return principal


def authorise_route(principal: Principal, route: GatewayRoute) -> None:
    """403 unless the caller's role may call ``route``."""
    if route not in principal.role.routes:
        raise HttpError(
            403,
            "route_not_allowed",
            f"role {principal.role.name!r} may not call the {route.value} route",
            error_type="permission_error",
        )


def authorise_model(principal: Principal, name: str, route: ModelRoute | None) -> None:
    """403 unless the role may use model ``name`` (and its preview version, if it is one)."""
    role = principal.role
    if not any(fnmatch.fnmatchcase(name, pattern) for pattern in role.models):
        raise HttpError(
            403,
            "model_not_allowed",
            f"role {role.name!r} may not use model {name!r}",
            error_type="permission_error",
            param="model",
        )
    if route is not None and route.preview and not role.preview:
        raise HttpError(
            403,
            "preview_not_allowed",
            f"{name!r} is a preview version; role {role.name!r} has no preview access",
            error_type="permission_error",
            param="model",
        )


__all__ = ["AuthError", "Authenticator", "Principal", "authorise_model", "authorise_route"]
