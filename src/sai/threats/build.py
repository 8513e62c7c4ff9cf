"""Build the system model from sai.yaml: elements, their facts, data flows, trust boundaries.

What each element is and which flows exist follows only from the manifest; what the running
system shows (controls in the ledger) is read later, by the risk register. The gateway counts
as part of the system when sai.yaml configures it (a ``gateway:`` or ``upstream:`` section).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sai.manifest import Manifest
from sai.manifest.schema import ModelFormat, ModelSpec
from sai.manifest.threats_spec import Modality
from sai.threats._build_data import add_data, add_tools
from sai.threats._graph import GraphBuilder
from sai.threats.system import (
    ElementKind,
    SystemModel,
    Zone,
)

#: The provider of gateway model routes when sai.yaml names no upstream for them.
UNNAMED_UPSTREAM = "upstream"
_LLM_FORMATS = (ModelFormat.openai_api, ModelFormat.gguf)
_UNSAFE_FORMATS = (
    ModelFormat.pickle,
    ModelFormat.sklearn_pickle,
    ModelFormat.joblib,
    ModelFormat.pytorch,
    ModelFormat.keras,
)
_SERVABLE = (ModelFormat.pickle, ModelFormat.sklearn_pickle, ModelFormat.joblib)
K = ElementKind


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


class _Builder(GraphBuilder):
    """The system model of one manifest: each element kind and the flows between them."""

    def llm(self, model: ModelSpec) -> bool:
        return model.format in _LLM_FORMATS or Modality.text in model.modalities

    def model(self, model: ModelSpec) -> None:
        llm = self.llm(model)
        served = (
            bool(self.chat_roles) and self.m.upstream is not None
            if llm
            else model.format in _SERVABLE and model.path is not None and bool(self.predict_roles)
        )
        self.add(
            K.model,
            model.name,
            Zone.outside if model.endpoint is not None and not model.in_house else Zone.inside,
            llm=llm,
            external=not model.in_house,
            remote=model.endpoint is not None,
            file=model.path is not None,
            unsafe_format=model.format in _UNSAFE_FORMATS,
            confidential=model.confidential,
            trained=bool(model.trained_on),
            trained_confidential=any(n in self.confidential for n in model.trained_on),
            trained_public=any(n in self.public for n in model.trained_on),
            exposed=llm or served,
            gateway_served=served,
            unused_modalities=bool(set(model.modalities) - set(model.used_modalities))
            and bool(model.used_modalities),
            multimodal=len(set(model.modalities)) > 1,
            tools=llm and bool(self.m.tools),
            retrieval=llm and bool(self.m.retrieval),
            prompt=llm and bool(self.m.prompts),
        )

    def route_model(self, name: str) -> None:
        """An LLM reached through the gateway's upstream, under a client-facing name."""
        self.add(
            K.model,
            name,
            Zone.outside,
            llm=True,
            external=True,
            remote=True,
            file=False,
            unsafe_format=False,
            confidential=False,
            trained=False,
            trained_confidential=False,
            trained_public=False,
            exposed=True,
            gateway_served=bool(self.chat_roles),
            unused_modalities=False,
            multimodal=False,
            tools=bool(self.m.tools),
            retrieval=bool(self.m.retrieval),
            prompt=bool(self.m.prompts),
        )

    def build(self) -> SystemModel:
        m = self.m
        named = {model.name for model in m.models}
        routes = [r for r in m.gateway.models if r.name not in named] if self.gateway else []
        route_names = [r.name for r in routes]
        if m.upstream is not None and not routes and not any(map(self.llm, m.models)):
            route_names = [m.upstream.model or "upstream-model"]
        llms = [x.name for x in m.models if self.llm(x)] + route_names
        self.add(
            K.system,
            m.name,
            llm=bool(llms),
            retrieval=bool(m.retrieval),
            tools=bool(m.tools),
            gateway=self.gateway,
            upstream=m.upstream is not None,
            prompts=bool(m.prompts),
        )
        for model in m.models:
            self.model(model)
        for name in route_names:
            self.route_model(name)
        self._gateway_and_actors(llms)
        self._providers(route_names)
        add_data(self, llms)
        add_tools(self, llms)
        return SystemModel(
            m.name,
            m.business_need,
            m.risk_appetite.value if m.risk_appetite else None,
            tuple(self.elements),
            tuple(dict.fromkeys(self.flows)),
        )

    def _gateway_and_actors(self, llms: list[str]) -> None:
        m = self.m
        served = [e.name for e in self.elements if e.kind is K.model and e.fact("gateway_served")]
        if self.gateway:
            roles = m.gateway.roles.values()
            self.add(
                K.gateway,
                "gateway",
                rate_limited=all(
                    (r.requests_per_minute or m.gateway.policies.requests_per_minute) is not None
                    for r in roles
                    if r.routes
                ),
                token_limited=m.gateway.policies.tokens_per_minute is not None
                or m.gateway.policies.max_tokens is not None,
                all_interfaces=m.gateway.host in ("0.0.0.0", "::", ""),  # noqa: S104
                audit_text=m.gateway.audit_text,
            )
            for role in sorted(set(self.chat_roles) | set(self.predict_roles)):
                spec = m.gateway.roles[role]
                self.add(K.actor, role, Zone.outside, guarded=spec.guards, preview=spec.preview)
                self.flow((K.actor, role), (K.gateway, "gateway"), "API requests", True)
            for name in served:
                self.flow((K.gateway, "gateway"), (K.model, name), "requests")
        unserved = [n for n in llms if n not in served]
        if unserved:
            self.add(K.actor, "users", Zone.outside, guarded=False, preview=False)
            for name in unserved:
                self.flow((K.actor, "users"), (K.model, name), "prompts", True)

    def _route_host(self, name: str) -> str:
        """Who serves the client-facing model ``name``: its route's own base URL, else the
        upstream section's, else an outside provider sai.yaml does not name."""
        route = next((r for r in self.m.gateway.models if r.name == name), None)
        if route is not None and route.base_url is not None:
            return _host(route.base_url)
        return _host(self.m.upstream.base_url) if self.m.upstream else UNNAMED_UPSTREAM

    def _providers(self, route_names: list[str]) -> None:
        m = self.m
        urls = [
            *([m.upstream.base_url] if m.upstream else []),
            *(r.base_url for r in m.gateway.models if r.base_url and self.gateway),
            *(x.endpoint for x in m.models if x.endpoint and not x.in_house),
        ]
        hosts = {_host(u): False for u in urls}
        if m.upstream is not None:
            hosts[_host(m.upstream.base_url)] = m.upstream.api_key_env is not None
        serving = {name: self._route_host(name) for name in route_names}
        for host in serving.values():
            hosts.setdefault(host, False)
        for host, key in hosts.items():
            tls = any(u.startswith("https://") and _host(u) == host for u in urls)
            self.add(K.provider, host, Zone.outside, tls=tls, api_key=key)
        for model in m.models:
            if model.endpoint is not None and _host(model.endpoint) in hosts:
                host = _host(model.endpoint)
                self.flow((K.provider, host), (K.model, model.name), "answers", True)
        for name, host in serving.items():
            if self.gateway:
                self.flow((K.gateway, "gateway"), (K.provider, host), "forwarded requests", True)
            self.flow((K.provider, host), (K.model, name), "answers", True)


def build_system(manifest: Manifest) -> SystemModel:
    """The system model of ``manifest`` (a validated sai.yaml)."""
    return _Builder(manifest).build()


__all__ = ["build_system"]
