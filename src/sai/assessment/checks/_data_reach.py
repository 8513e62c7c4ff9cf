"""Who the gateway lets reach a model trained on restricted data, and whether those answers
pass output guards: the problems 5.1.2-5 (`data.use_suits_sensitivity`) reports."""

from __future__ import annotations

import fnmatch

from sai.manifest import Manifest
from sai.manifest.guard_policy import TEXT_OUTPUT, effective_guards
from sai.manifest.schema import DatasetSpec, GatewayRoute, GuardName

_SERVING = (
    GatewayRoute.chat,
    GatewayRoute.completions,
    GatewayRoute.embeddings,
    GatewayRoute.predict,
)
_OUTPUT_GUARDS = (GuardName.pii, GuardName.leakage)


def _reach(manifest: Manifest, model: str) -> dict[str, list[GatewayRoute]]:
    """Gateway roles that may call ``model``, with the serving routes they may use."""
    out: dict[str, list[GatewayRoute]] = {}
    for name, role in manifest.gateway.roles.items():
        routes = [r for r in role.routes if r in _SERVING]
        if routes and any(fnmatch.fnmatchcase(model, p) for p in role.models):
            out[name] = routes
    return out


def use_problems(manifest: Manifest, datasets: list[DatasetSpec]) -> list[str]:
    """Ways the gateway lets models trained on restricted data reach too far or unguarded."""
    problems: list[str] = []
    restricted = {
        d.name: d
        for d in datasets
        if d.effective_sensitivity is not None and d.effective_sensitivity.restricted
    }
    for model in manifest.models:
        for name in model.trained_on:
            dataset = restricted.get(name)
            if dataset is None:
                continue
            for role, routes in _reach(manifest, model.name).items():
                if role not in dataset.audience:
                    problems.append(
                        f"role {role} reaches {model.name} (trained on "
                        f"{dataset.effective_sensitivity} {name}) outside its audience"
                    )
                    continue
                for route in routes:
                    if route not in TEXT_OUTPUT:
                        continue
                    policy = effective_guards(manifest.guards, manifest.gateway, route, role)
                    lacking = [
                        g.value
                        for g in _OUTPUT_GUARDS
                        if not policy.enabled or g not in policy.output
                    ]
                    if lacking:
                        problems.append(
                            f"{route.value} answers to {role} from {model.name} "
                            f"run no {'/'.join(lacking)} output guard"
                        )
    return problems


__all__ = ["use_problems"]
