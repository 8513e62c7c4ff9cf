"""The ``guards:`` section of `sai.yaml`: scanners per direction, per route and per role.

The lists ``guards.input`` / ``guards.output`` apply everywhere; ``guards.routes.<route>``
replaces them for one route, and ``guards.roles.<role>`` adds scanners and changes settings
for one gateway role. `sai.manifest.guard_policy` resolves the effective policy of every
route and role.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from sai.manifest._types import STRICT_MODEL, Flag, Identifier, Line, Number, invalid


class _Strict(BaseModel):
    model_config = STRICT_MODEL


class GuardName(enum.StrEnum):
    """The guard scanners sai ships, by the name `sai guard list` shows."""

    injection = "injection"
    invisible = "invisible"
    secrets = "secrets"
    pii = "pii"
    leakage = "leakage"
    exfiltration = "exfiltration"


class GuardAction(enum.StrEnum):
    """What a guard scanner does with a text it flags."""

    redact = "redact"
    review = "review"
    block = "block"


class GuardScannerSpec(_Strict):
    """One guard scanner's settings; unset values keep the scanner's defaults."""

    threshold: Annotated[Number, Field(ge=0.0, le=1.0)] | None = None
    """Score at or above which the scanner acts (0-1); the injection detector's default is
    the threshold chosen on its validation split."""
    action: GuardAction | None = None
    """``redact``, ``review`` or ``block`` on a match."""
    options: dict[Identifier, Line] = {}
    """Guard-specific options, e.g. ``tier: combined`` (injection) or ``allowed_hosts``
    (exfiltration)."""


ScannerList = list[GuardName]
ScannerSettingsMap = dict[GuardName, GuardScannerSpec]


def _nothing_to_scan(why: str) -> Callable[[ScannerList | None], ScannerList | None]:
    def check(value: ScannerList | None) -> ScannerList | None:
        if value:
            invalid(f"{why}, which text scanners cannot read", "leave the list empty: []")
        return value

    return check


class GuardRouteSpec(_Strict):
    """The guards of one route; what is unset here comes from the ``guards`` lists."""

    input: ScannerList | None = None
    """Scanners run on this route's requests instead of ``guards.input``."""
    output: ScannerList | None = None
    """Scanners run on this route's answers instead of ``guards.output``."""
    scanners: ScannerSettingsMap = {}
    """Guard settings on this route, overriding ``guards.scanners`` field by field."""


class EmbeddingsGuardSpec(GuardRouteSpec):
    """The guards of the embeddings route: its answers are vectors, so only input scanners."""

    output: Annotated[
        ScannerList | None, AfterValidator(_nothing_to_scan("embeddings answers are vectors"))
    ] = None
    """Must stay empty: embeddings answers carry no text."""


class PredictGuardSpec(GuardRouteSpec):
    """The predict route (local scikit-learn models): numbers in, numbers out."""

    input: Annotated[
        ScannerList | None, AfterValidator(_nothing_to_scan("predict inputs are numbers"))
    ] = None
    """Must stay empty: predict inputs are numbers."""
    output: Annotated[
        ScannerList | None, AfterValidator(_nothing_to_scan("predict answers are numbers"))
    ] = None
    """Must stay empty: predict answers are numbers."""


class GuardRoutesSpec(_Strict):
    """Guards per gateway route group; a route left out uses the ``guards`` lists."""

    chat: GuardRouteSpec | None = None
    """``POST /v1/chat/completions``."""
    completions: GuardRouteSpec | None = None
    """``POST /v1/completions``."""
    embeddings: EmbeddingsGuardSpec | None = None
    """``POST /v1/embeddings`` (input scanners only)."""
    predict: PredictGuardSpec | None = None
    """``POST /v1/predict``: never scanned; may be written out as ``{input: [], output: []}``."""


class GuardRoleSpec(_Strict):
    """Changes to the guards for the keys of one gateway role, applied after the route's."""

    add_input: ScannerList = []
    """Scanners run on this role's requests in addition to the route's."""
    add_output: ScannerList = []
    """Scanners run on this role's text answers in addition to the route's."""
    scanners: ScannerSettingsMap = {}
    """Guard settings for this role, overriding the route's and ``guards.scanners``."""


class GuardsSpec(_Strict):
    """The guard pipeline the gateway runs on inputs and outputs (5.2.1-4.1, 5.2.5-4)."""

    input: ScannerList = [GuardName.invisible, GuardName.injection, GuardName.secrets]
    """Scanners run on every request, in order."""
    output: ScannerList = [
        GuardName.invisible,
        GuardName.leakage,
        GuardName.exfiltration,
        GuardName.secrets,
        GuardName.pii,
    ]
    """Scanners run on every response, in order."""
    scanners: ScannerSettingsMap = {}
    """Per-scanner settings, by scanner name."""
    routes: GuardRoutesSpec = GuardRoutesSpec()
    """Guard lists and settings per route (``chat``, ``completions``, ``embeddings``,
    ``predict``), replacing the lists above for that route."""
    roles: dict[Identifier, GuardRoleSpec] = {}
    """Additions and setting changes per gateway role (a name from ``gateway.roles``)."""
    canary: Flag = False
    """Plant a fresh random canary token in the system message of every chat request whose
    answer the ``leakage`` scanner checks; an answer that repeats it leaked the prompt."""


__all__ = [
    "EmbeddingsGuardSpec",
    "GuardAction",
    "GuardName",
    "GuardRoleSpec",
    "GuardRouteSpec",
    "GuardRoutesSpec",
    "GuardScannerSpec",
    "GuardsSpec",
    "PredictGuardSpec",
]
