"""Screen: personal data such as e-mail addresses and phone numbers (sai.guards PII scanner)."""

from __future__ import annotations

from typing import ClassVar

from sai.provenance.screens._guarded import GuardScreen


class PersonalData(GuardScreen):
    """Rows whose cells the `pii` guard flags."""

    name: ClassVar[str] = "personal-data"
    summary: ClassVar[str] = (
        "personal data such as e-mail addresses and phone numbers (sai.guards PII scanner)"
    )
    guard: ClassVar[str] = "pii"
    text_only: ClassVar[bool] = False
    advice: ClassVar[str] = (
        "personal data; remove or pseudonymise it, or classify the dataset as personal"
    )


__all__ = ["PersonalData"]
