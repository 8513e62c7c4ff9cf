"""The `console:` and `custodian_requirements:` sections of sai.yaml (principle 4, 5.1.4).

``console`` sets how held responses are reviewed in the web console: the deadline, what
happens when it passes, and whether the person who asked may approve. ``custodian_requirements``
lists the security controls the Data Custodians asked for, each backed by provisions whose
checks (or attestations) show it is in place (5.1.4-4).
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, Field

from sai.manifest._types import (
    STRICT_MODEL,
    AssetName,
    Flag,
    Line,
    PositiveInt,
    ProvisionIdText,
    Text,
)


class _Strict(BaseModel):
    model_config = STRICT_MODEL


class TimeoutOutcome(enum.StrEnum):
    """What an unreviewed held response becomes when its deadline passes."""

    block = "block"
    release = "release"


class ConsoleSpec(_Strict):
    """How the web console runs human review (5.1.4-1, 5.1.4-3)."""

    review_deadline_minutes: PositiveInt = 60
    """Minutes a held response may wait for a reviewer before the timeout default applies."""
    on_timeout: TimeoutOutcome = TimeoutOutcome.block
    """``block`` (the client gets a rejection) or ``release`` (the held response is sent)."""
    four_eyes: Flag = True
    """A reviewer may not decide a response held for a request made with their own key."""
    session_minutes: Annotated[int, Field(ge=5, le=1440, strict=True)] = 30
    """Minutes of inactivity after which a console session ends."""


class CustodianRequirement(_Strict):
    """A security control a Data Custodian requires, and the provisions that evidence it."""

    id: AssetName
    """A short unique name, e.g. ``pii-redacted``."""
    requirement: Text
    """The control in the custodian's words, e.g. "personal data is redacted in outputs"."""
    custodian: Line
    """Who asked for it (a person or team)."""
    backed_by: Annotated[list[ProvisionIdText], Field(min_length=1)]
    """Provisions whose verdict shows the control is in place, e.g. ``[5.2.1-4.1]``; each
    must pass (by its automated check, or by attestation where it has none)."""


__all__ = ["ConsoleSpec", "CustodianRequirement", "TimeoutOutcome"]
