"""The system model a threat model is built on: elements with facts, data flows, boundaries.

Elements are what sai.yaml declares (models, datasets, retrieval sources, prompts, tools, the
gateway, its roles and upstream providers); their facts are typed values the rules' conditions
read. ``FACTS`` is the schema of those facts, so a rule naming a fact an element kind does not
have is refused when the rules load, not silently false.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NewType

ElementId = NewType("ElementId", str)
FactValue = bool | int | str


class ElementKind(enum.StrEnum):
    """What an element of the system is."""

    system = "system"
    actor = "actor"
    gateway = "gateway"
    provider = "provider"
    model = "model"
    dataset = "dataset"
    retrieval = "retrieval"
    prompt = "prompt"
    config = "config"
    tool = "tool"


class Zone(enum.StrEnum):
    """Which side of the organisation's trust boundary an element sits on."""

    inside = "inside"
    outside = "outside"


def _facts(**types: type) -> Mapping[str, type]:
    return MappingProxyType(types)


#: The facts each kind of element carries, with their types (what rules may test).
FACTS: Mapping[ElementKind, Mapping[str, type]] = MappingProxyType(
    {
        ElementKind.system: _facts(
            llm=bool, retrieval=bool, tools=bool, gateway=bool, upstream=bool, prompts=bool
        ),
        ElementKind.actor: _facts(guarded=bool, preview=bool),
        ElementKind.gateway: _facts(
            rate_limited=bool, token_limited=bool, all_interfaces=bool, audit_text=bool
        ),
        ElementKind.provider: _facts(tls=bool, api_key=bool),
        ElementKind.model: _facts(
            llm=bool,
            external=bool,
            remote=bool,
            file=bool,
            unsafe_format=bool,
            confidential=bool,
            trained=bool,
            trained_confidential=bool,
            trained_public=bool,
            exposed=bool,
            gateway_served=bool,
            unused_modalities=bool,
            multimodal=bool,
            tools=bool,
            retrieval=bool,
            prompt=bool,
        ),
        ElementKind.dataset: _facts(
            confidential=bool, public_source=bool, trains_model=bool, written_by_tool=bool
        ),
        ElementKind.retrieval: _facts(untrusted=bool, confidential=bool, written_by_tool=bool),
        ElementKind.prompt: _facts(),
        ElementKind.config: _facts(),
        ElementKind.tool: _facts(
            kind=str,
            permissions=int,
            wildcard=bool,
            admin=bool,
            writes=bool,
            reaches_confidential=bool,
            external_content=bool,
            approved=bool,
            justified=bool,
        ),
    }
)


def element_id(kind: ElementKind, name: str) -> ElementId:
    """``kind:name``, unique within a system."""
    return ElementId(f"{kind.value}:{name}")


@dataclass(frozen=True)
class Element:
    """One element of the system and its facts."""

    kind: ElementKind
    name: str
    facts: Mapping[str, FactValue] = field(hash=False)
    zone: Zone = Zone.inside
    detail: str = ""

    def __post_init__(self) -> None:
        expected = FACTS[self.kind]
        unknown = set(self.facts) - set(expected)
        missing = set(expected) - set(self.facts)
        if unknown or missing:
            raise ValueError(f"{self.id}: facts {sorted(unknown)} unknown, {sorted(missing)} unset")
        object.__setattr__(self, "facts", MappingProxyType(dict(self.facts)))

    @property
    def id(self) -> ElementId:
        """``kind:name``."""
        return element_id(self.kind, self.name)

    def fact(self, name: str) -> FactValue:
        """The value of fact ``name`` (validated against `FACTS` when the rules load)."""
        return self.facts[name]


@dataclass(frozen=True)
class Flow:
    """Data moving from one element to another; ``crosses`` a trust boundary or not."""

    source: ElementId
    target: ElementId
    label: str
    crosses: bool = False


@dataclass(frozen=True)
class SystemModel:
    """The elements and flows of one AI system, as declared in sai.yaml."""

    name: str
    business_need: str | None
    risk_appetite: str | None
    elements: tuple[Element, ...]
    flows: tuple[Flow, ...]

    def __post_init__(self) -> None:
        ids = [e.id for e in self.elements]
        if len(set(ids)) != len(ids):
            raise ValueError("element ids must be unique")
        known = set(ids)
        for flow in self.flows:
            if flow.source not in known or flow.target not in known:
                raise ValueError(f"flow {flow.source} -> {flow.target} names an unknown element")

    @property
    def system(self) -> Element:
        """The element that stands for the whole system."""
        return next(e for e in self.elements if e.kind is ElementKind.system)

    def of_kind(self, kind: ElementKind) -> tuple[Element, ...]:
        """The elements of ``kind``, in declaration order."""
        return tuple(e for e in self.elements if e.kind is kind)

    def get(self, ident: str) -> Element | None:
        """The element with id ``ident``, or None."""
        return next((e for e in self.elements if e.id == ident), None)


__all__ = [
    "FACTS",
    "Element",
    "ElementId",
    "ElementKind",
    "FactValue",
    "Flow",
    "SystemModel",
    "Zone",
    "element_id",
]
