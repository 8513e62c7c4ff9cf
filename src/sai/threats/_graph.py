"""The state a system model is built in: the manifest, the elements and flows so far, and the
data facts the builders of each element kind share (split from ``build`` so that the data and
tool builders can type against it without importing ``build``)."""

from __future__ import annotations

from sai.manifest import Manifest
from sai.manifest.schema import GatewayRoute
from sai.manifest.threats_spec import parse_permission
from sai.threats.system import (
    Element,
    ElementKind,
    FactValue,
    Flow,
    Zone,
    element_id,
)

_CHAT = (GatewayRoute.chat, GatewayRoute.completions)


def _gateway_on(manifest: Manifest) -> bool:
    return "gateway" in manifest.model_fields_set or manifest.upstream is not None


def _roles_calling(manifest: Manifest, routes: tuple[GatewayRoute, ...]) -> list[str]:
    return [
        name
        for name, role in manifest.gateway.roles.items()
        if any(route in role.routes for route in routes)
    ]


class GraphBuilder:
    """Elements and flows of a system model under construction."""

    def __init__(self, manifest: Manifest) -> None:
        self.m = manifest
        self.elements: list[Element] = []
        self.flows: list[Flow] = []
        self.gateway = _gateway_on(manifest)
        self.chat_roles = _roles_calling(manifest, _CHAT) if self.gateway else []
        self.predict_roles = (
            _roles_calling(manifest, (GatewayRoute.predict,)) if self.gateway else []
        )
        datasets = {d.name: d for d in manifest.datasets}
        self.confidential = {d.name for d in manifest.datasets if d.confidential} | {
            r.name for r in manifest.retrieval if r.confidential
        }
        self.public = {
            d.name
            for d in datasets.values()
            if any(s.url is not None and not s.url.startswith("file:") for s in d.sources)
        }
        self.written = {
            target
            for tool in manifest.tools
            if any(p is not None and p.writes for p in map(parse_permission, tool.permissions))
            for target in tool.reaches
        }

    def add(
        self, element_kind: ElementKind, name: str, zone: Zone = Zone.inside, **facts: FactValue
    ) -> None:
        self.elements.append(Element(element_kind, name, facts, zone))

    def flow(
        self,
        source: tuple[ElementKind, str],
        target: tuple[ElementKind, str],
        label: str,
        crosses: bool = False,
    ) -> None:
        self.flows.append(Flow(element_id(*source), element_id(*target), label, crosses))


__all__ = ["GraphBuilder"]
