"""Payloads of the threat model (sai.threats): the model with its risk register, its review,
the due diligence on an outside provider and a cloud provider's contract."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Part, Payload


@dataclass(frozen=True)
class ThreatBasis(Part):
    """Digests the model was built from: sai.yaml, files by asset name, tool grants, rules."""

    manifest: str
    files: JsonObject
    tools: JsonObject
    rules: str | None = None


@dataclass(frozen=True)
class ThreatLibrary(Part):
    """The rules in force and the ATLAS release they cite."""

    atlas_version: str
    atlas_release: str
    atlas_yaml_sha256: str
    rules: int
    atlas_covered: tuple[str, ...]
    suppressed: tuple[JsonObject, ...] = ()


@dataclass(frozen=True)
class ControlState(Part):
    """A mitigating control of a risk and whether the ledger showed it running."""

    control: str
    running: bool
    entries: tuple[int, ...]
    detail: str


@dataclass(frozen=True)
class ThreatRisk(Part):
    """One threat and its row in the risk register."""

    id: str
    rule: str
    title: str
    description: str
    category: str
    element: str
    atlas: tuple[str, ...]
    atlas_names: tuple[str, ...]
    owasp: tuple[str, ...]
    provisions: tuple[str, ...]
    ai_specific: bool
    likelihood: int
    impact: int
    inherent: int
    treatment: str
    owner: str
    controls: tuple[ControlState, ...]
    residual_likelihood: int
    residual_impact: int
    residual: int
    level: str
    status: str
    communicate: bool
    justification: str | None = None
    approved_by: str | None = None
    transferred_to: str | None = None


@dataclass(frozen=True)
class ToolGrant(Part):
    """A tool the AI can use, with its least-privilege findings."""

    name: str
    kind: str
    permissions: tuple[str, ...]
    reaches: tuple[str, ...]
    approved_by: str | None
    justified: bool
    problems: tuple[str, ...]
    #: Permissions no logged tool call used in the window ``observed`` (None: no traffic seen).
    unused: tuple[str, ...] | None = None
    #: The window of gateway traffic read: since, until, answers, answers_with_calls, entries.
    observed: JsonObject | None = None


@dataclass(frozen=True)
class ThreatsModel(Payload):
    """The threat model of a system: elements, flows, risks, tools, providers, basis."""

    KIND: ClassVar[Kind] = Kind.THREATS_MODEL
    format: int
    system: str
    built: str
    business_need: str | None
    risk_appetite: str | None
    basis: ThreatBasis
    library: ThreatLibrary
    elements: tuple[JsonObject, ...]
    flows: tuple[JsonObject, ...]
    threats: tuple[ThreatRisk, ...]
    tools: tuple[ToolGrant, ...]
    providers: tuple[str, ...]
    counts: JsonObject


@dataclass(frozen=True)
class ThreatsReview(Payload):
    """A person's review of one ``threats.model`` entry (bound to its basis)."""

    KIND: ClassVar[Kind] = Kind.THREATS_REVIEW
    model_entry: int
    basis: ThreatBasis
    reviewer: str
    threats: int
    note: str | None = None


@dataclass(frozen=True)
class ThreatsProvider(Payload):
    """Due diligence on an outside provider: its answer on EN 304 223 and a review-by date."""

    KIND: ClassVar[Kind] = Kind.THREATS_PROVIDER
    provider: str
    adheres_to_en_304_223: str
    review_by: str
    reviewer: str
    file: str
    note: str | None = None


@dataclass(frozen=True)
class ThreatsContract(Payload):
    """A cloud provider's contract: the requirements it supports, reviewed until a date."""

    KIND: ClassVar[Kind] = Kind.THREATS_CONTRACT
    provider: str
    #: The provisions of principle 6 whose compliance the contract supports.
    supports: tuple[str, ...]
    review_by: str
    reviewer: str
    file: str
    note: str | None = None


__all__ = [
    "ControlState",
    "ThreatBasis",
    "ThreatLibrary",
    "ThreatRisk",
    "ThreatsContract",
    "ThreatsModel",
    "ThreatsProvider",
    "ThreatsReview",
    "ToolGrant",
]
