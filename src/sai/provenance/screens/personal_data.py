"""Screen: personal data such as e-mail addresses and phone numbers (sai.guards PII scanner)."""

from __future__ import annotations

from typing import ClassVar

from sai.provenance.screens._guarded import has_cells, scan_cells
from sai.provenance.screens.base import Finding, Screen, ScreenInput


class PersonalData(Screen):
    """Rows whose cells the `pii` guard flags."""

    name: ClassVar[str] = "personal-data"
    summary: ClassVar[str] = (
        "personal data such as e-mail addresses and phone numbers (sai.guards PII scanner)"
    )

    def skip_reason(self, data: ScreenInput) -> str | None:
        return has_cells(data, text_only=False)

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        from sai.guards.pii import PiiScanner

        rows, shown = scan_cells(PiiScanner(), data, text_only=False)
        if not rows:
            return ()
        return (
            Finding(
                self.name,
                rows,
                f"{len(rows)} rows hold personal data; "
                "remove or pseudonymise it, or classify the dataset as personal",
                {"cells": shown},
            ),
        )


__all__ = ["PersonalData"]
