"""Versioned model routes (5.4.1-3): client-facing names mapped to upstream versions.

``support-bot@2`` and ``support-bot@3-preview`` can point at different upstream models (or
upstreams); preview versions are only for roles with preview access. With no routes
configured, model names pass through unchanged (the upstream's own pinned model, if set,
still wins).
"""

from __future__ import annotations

from dataclasses import dataclass

from sai.gateway.config import GatewayConfig, ModelRoute
from sai.gateway.errors import HttpError

#: How many names' `Resolved` a router keeps.
_KNOWN = 256


@dataclass(frozen=True)
class Resolved:
    """Where a request for a model goes: the upstream model name and base URL."""

    route: ModelRoute | None
    upstream_model: str
    base_url: str | None


class ModelRouter:
    """Resolves client model names against the configured routes."""

    def __init__(self, config: GatewayConfig) -> None:
        self._routes = {route.name: route for route in config.models}
        self._pinned = config.upstream_model
        #: name -> its `Resolved` (immutable, so made once per name; forgotten all at once
        #: beyond `_KNOWN` names, since unrouted names are the clients' own)
        self._known: dict[str, Resolved] = {}

    @property
    def routed(self) -> bool:
        """Whether versioned routes are configured (else names pass through)."""
        return bool(self._routes)

    def resolve(self, name: str) -> Resolved:
        """The route for ``name``; 404 when routes exist and none matches."""
        known = self._known.get(name)
        if known is not None:
            return known
        if not self._routes:
            resolved = Resolved(None, self._pinned or name, None)
        else:
            route = self._routes.get(name)
            if route is None:
                raise HttpError(
                    404,
                    "model_not_found",
                    f"the model {name!r} does not exist; GET /v1/models lists the models offered",
                    param="model",
                )
            resolved = Resolved(route, route.upstream_model, route.base_url)
        if len(self._known) >= _KNOWN:
            self._known.clear()
        self._known[name] = resolved
        return resolved

    def listing(self, preview: bool, created: int) -> dict[str, object]:
        """The ``/v1/models`` answer for a caller (preview versions only when allowed)."""
        return {
            "object": "list",
            "data": [
                {
                    "id": route.name,
                    "object": "model",
                    "created": created,
                    "owned_by": "sai-gateway",
                    "preview": route.preview,
                }
                for route in self._routes.values()
                if preview or not route.preview
            ],
        }


__all__ = ["ModelRouter", "Resolved"]
