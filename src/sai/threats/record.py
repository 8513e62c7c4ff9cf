"""The threat model's evidence in the ledger: ``threats.model``, ``threats.review``,
``threats.provider``, ``threats.contract`` (the one place that makes these entries).

A review binds the ``threats.model`` entry it approved (index and basis); a provider record
carries the due-diligence file by digest, the provider's stated adherence to EN 304 223 and a
review-by date; a contract record carries the contract by digest, the requirements of
principle 6 it supports and a review-by date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sai.ledger import Attachment, Entry, Evidence, Ledger, Origin
from sai.ledger.kinds import Kind, PayloadError
from sai.ledger.kinds.threats import (
    ThreatsContract,
    ThreatsModel,
    ThreatsProvider,
    ThreatsReview,
)
from sai.threats.basis import Basis
from sai.threats.errors import ThreatsError
from sai.threats.model import ThreatModel

MODEL_KIND = Kind.THREATS_MODEL
REVIEW_KIND = Kind.THREATS_REVIEW
PROVIDER_KIND = Kind.THREATS_PROVIDER
MODEL_PROVISIONS = ("5.1.2-1", "5.1.2-6", "5.1.3-1", "5.1.3-1.2", "5.1.3-1.3")
REVIEW_PROVISIONS = ("5.1.2-1", "5.1.3-1", "5.1.3-1.1")
PROVIDER_PROVISIONS = ("5.1.2-7", "5.1.3-3")
ADHERENCE = ("yes", "no", "partly")
CONTRACT_KIND = Kind.THREATS_CONTRACT
CONTRACT_PROVISIONS = ("5.2.2-6",)
#: The requirements "above" 5.2.2-6 that a cloud provider's contract can support.
CONTRACT_REQUIREMENTS = ("5.2.2-1", "5.2.2-2", "5.2.2-3", "5.2.2-4", "5.2.2-5")


@dataclass(frozen=True)
class Reviewed:
    """The latest review of a system and the model entry it approved."""

    review: Entry
    model: Entry

    @property
    def basis(self) -> Basis:
        """The basis the review saw."""
        return Basis.from_part(ThreatsReview.from_evidence(self.review.evidence).basis)


def record_model(ledger: Ledger, model: ThreatModel, *, actor: str) -> Entry:
    """Append the ``threats.model`` entry of ``model``."""
    evidence = Evidence.create(
        MODEL_KIND,
        model.system.name,
        provisions=MODEL_PROVISIONS,
        actor=actor,
        origin=Origin.control("threats.model"),
        data=model.to_data(),
        time=model.built,
    )
    return ledger.get(ledger.append(evidence).index)


def latest_model(ledger: Ledger, system: str) -> Entry | None:
    """The newest ``threats.model`` entry of ``system``."""
    return ledger.latest(kind=MODEL_KIND, subject=system)


def latest_review(ledger: Ledger, system: str) -> Reviewed | None:
    """The newest review of ``system`` with the model it approved."""
    review = ledger.latest(kind=REVIEW_KIND, subject=system)
    if review is None:
        return None
    try:
        payload = ThreatsReview.from_evidence(review.evidence)
    except PayloadError as error:
        raise ThreatsError(f"review entry {review.index} is malformed: {error}") from None
    return Reviewed(review, ledger.get(payload.model_entry))


def record_review(
    ledger: Ledger, model: Entry, *, by: str, note: str | None, now: dt.datetime
) -> Entry:
    """Append a review of the ``threats.model`` entry ``model`` by the person ``by``."""
    if not by.strip():
        raise ThreatsError("a review needs the reviewer's name", hint="pass --by NAME")
    reviewed = ThreatsModel.from_evidence(model.evidence)
    payload = ThreatsReview(
        model_entry=model.index,
        basis=reviewed.basis,
        reviewer=by.strip(),
        threats=len(reviewed.threats),
        note=note or None,
    )
    evidence = Evidence.create(
        REVIEW_KIND,
        model.evidence.subject,
        provisions=REVIEW_PROVISIONS,
        actor=by.strip(),
        origin=Origin.control("threats.review"),
        data=payload.to_data(),
        time=now,
    )
    return ledger.get(ledger.append(evidence).index)


def record_provider(
    ledger: Ledger,
    name: str,
    *,
    adheres: str,
    review_by: dt.date,
    attachment: Attachment,
    by: str,
    note: str | None,
    now: dt.datetime,
) -> Entry:
    """Append the due-diligence record of provider ``name``."""
    if adheres not in ADHERENCE:
        raise ThreatsError(f"unknown answer {adheres!r}", hint="use yes, no or partly")
    if review_by <= now.date():
        raise ThreatsError(
            f"review-by date {review_by} is not in the future",
            hint="give the date by which the provider is vetted again",
        )
    payload = ThreatsProvider(
        provider=name,
        adheres_to_en_304_223=adheres,
        review_by=review_by.isoformat(),
        reviewer=by,
        file=attachment.digest,
        note=note or None,
    )
    evidence = Evidence.create(
        PROVIDER_KIND,
        name,
        provisions=PROVIDER_PROVISIONS,
        actor=by,
        origin=Origin.control("threats.provider"),
        data=payload.to_data(),
        attachments=(attachment,),
        time=now,
    )
    return ledger.get(ledger.append(evidence).index)


def record_contract(
    ledger: Ledger,
    provider: str,
    *,
    supports: tuple[str, ...],
    review_by: dt.date,
    attachment: Attachment,
    by: str,
    note: str | None,
    now: dt.datetime,
) -> Entry:
    """Append the contract record of cloud provider ``provider``."""
    unknown = [p for p in supports if p not in CONTRACT_REQUIREMENTS]
    if unknown or not supports:
        raise ThreatsError(
            f"a contract supports the requirements of principle 6, not {', '.join(unknown)}"
            if unknown
            else "name the requirements the contract supports",
            hint=f"pass --supports for each of {', '.join(CONTRACT_REQUIREMENTS)} it covers",
        )
    if not by.strip():
        raise ThreatsError("a contract record needs the reviewer's name", hint="pass --by NAME")
    if review_by <= now.date():
        raise ThreatsError(
            f"review-by date {review_by} is not in the future",
            hint="give the date by which the contract is reviewed again",
        )
    payload = ThreatsContract(
        provider=provider,
        supports=tuple(p for p in CONTRACT_REQUIREMENTS if p in supports),
        review_by=review_by.isoformat(),
        reviewer=by.strip(),
        file=attachment.digest,
        note=note or None,
    )
    evidence = Evidence.create(
        CONTRACT_KIND,
        provider,
        provisions=CONTRACT_PROVISIONS,
        actor=by.strip(),
        origin=Origin.control("threats.contract"),
        data=payload.to_data(),
        attachments=(attachment,),
        time=now,
    )
    return ledger.get(ledger.append(evidence).index)


__all__ = [
    "ADHERENCE",
    "CONTRACT_KIND",
    "CONTRACT_REQUIREMENTS",
    "MODEL_KIND",
    "PROVIDER_KIND",
    "REVIEW_KIND",
    "Reviewed",
    "latest_model",
    "latest_review",
    "record_contract",
    "record_model",
    "record_provider",
    "record_review",
]
