"""Who is accountable for the system in `sai.yaml`: owners, custodians, the security contact
and the channel for reporting AI security risks."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from sai.manifest._types import STRICT_MODEL, Contact, Email, Line, Sentence
from sai.manifest.documents_spec import BriefingRole, parse_briefing_role


class _Strict(BaseModel):
    model_config = STRICT_MODEL


class Person(_Strict):
    """Someone accountable for the system."""

    name: Line
    """The person's or team's name."""
    email: Email | None = None
    """How to reach them."""
    role: Line | None = None
    """What they are accountable for, e.g. ``model owner``."""
    briefing: BriefingRole | None = None
    """The security briefing they must read and acknowledge: ``developer``,
    ``system-operator`` or ``data-custodian`` (5.1.1)."""

    @property
    def briefing_role(self) -> BriefingRole | None:
        """``briefing``, else ``role`` when it names a briefing role (e.g. ``developer``)."""
        return self.briefing or parse_briefing_role(self.role)


class RiskReporting(_Strict):
    """How staff report AI security risks, and what protects them when they do (5.1.2-5.1)."""

    channel: Line
    """Where to report, e.g. ``ai-risk@bank.test or #ai-risks``."""
    safeguards: Sentence
    """What protects a reporter, in at least one sentence (anonymity, no blame)."""


class People(_Strict):
    """Who is accountable for the system and where security reports go."""

    owners: Annotated[list[Person], Field(min_length=1)]
    """Accountable people or teams; at least one (5.1.4, 5.1.2-1)."""
    custodians: list[Person] = []
    """Data custodians: they approve disposal and transfer of data and models (5.5.1)."""
    security_contact: Contact
    """E-mail or https URL for vulnerability reports (5.2.2-4, 5.3.1-3)."""
    risk_reporting: RiskReporting | None = None
    """How staff report AI security risks; the role briefings state it (5.1.2-5.1)."""
