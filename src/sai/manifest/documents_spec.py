"""The `documents:` section of sai.yaml: what the generated documents say and how often they
are renewed (cards, disclosure policy, incident plan, end-user notices, briefings).

Defaults are sai's: a notice period of 14 days (never under :data:`MIN_NOTICE_DAYS`), a
yearly review of drills, briefings and acknowledgements, and a security.txt that expires
six months after publication (RFC 9116 asks for less than a year).
"""

from __future__ import annotations

import enum
import re
from typing import Annotated

from pydantic import BaseModel, Field, Strict

from sai.manifest._types import STRICT_MODEL, AssetName, HttpUrl, Line, Sentence

MIN_NOTICE_DAYS = 7
"""No model update may be announced fewer days ahead than this, whatever sai.yaml says."""
MIN_READABILITY = 30
"""The lowest Flesch reading-ease floor a project may set for its end-user notices."""


class BriefingRole(enum.StrEnum):
    """The audiences of the role briefings (5.1.1-1.1)."""

    developer = "developer"
    system_operator = "system-operator"
    data_custodian = "data-custodian"


def parse_briefing_role(text: str | None) -> BriefingRole | None:
    """The briefing role ``text`` names (``system_operator`` and ``system operator`` too)."""
    if not text:
        return None
    try:
        return BriefingRole(re.sub(r"[\s_]+", "-", text.strip().lower()))
    except ValueError:
        return None


class Justification(BaseModel):
    """Why a component that is not well documented is used anyway (5.2.3-2.2)."""

    model_config = STRICT_MODEL

    component: AssetName
    """The model or dataset in sai.yaml."""
    reason: Sentence
    """Why it is used despite thin documentation, in at least one full sentence."""


class DocumentsSpec(BaseModel):
    """Settings of the generated documents."""

    model_config = STRICT_MODEL

    public_url: HttpUrl | None = None
    """The https URL where the gateway is reached from outside; security.txt's Canonical and
    Policy fields and the feed's links start with it (default: the gateway's own address)."""
    languages: Annotated[list[Line], Field(min_length=1)] = ["en"]
    """Languages reports are read in (security.txt's Preferred-Languages)."""
    security_txt_days: Annotated[int, Strict(), Field(ge=1, le=364)] = 182
    """Days from publication until security.txt expires (under a year, RFC 9116)."""
    notice_days: Annotated[int, Strict(), Field(ge=MIN_NOTICE_DAYS, le=365)] = 14
    """Days an update notice must precede a model change (5.2.3-4)."""
    review_days: Annotated[int, Strict(), Field(ge=1, le=366)] = 365
    """Days within which drills and briefing acknowledgements must be renewed."""
    retention_days: Annotated[int, Strict(), Field(ge=0)] | None = None
    """Days the operator keeps end users' requests and answers (unset: until deleted)."""
    retrains_on_user_data: Annotated[bool, Strict()] = False
    """Whether end users' inputs are used to retrain or fine-tune a model."""
    readability_floor: Annotated[int, Strict(), Field(ge=MIN_READABILITY, le=100)] = 40
    """Lowest Flesch reading-ease score an end-user notice may have."""
    justifications: list[Justification] = []
    """Components used although not well documented, each with the reason."""


__all__ = [
    "MIN_NOTICE_DAYS",
    "MIN_READABILITY",
    "BriefingRole",
    "DocumentsSpec",
    "Justification",
    "parse_briefing_role",
]
