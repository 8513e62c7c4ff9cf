"""Screen: credentials and keys (sai.guards secrets scanner)."""

from __future__ import annotations

from typing import ClassVar

from sai.provenance.screens._guarded import has_cells, scan_cells
from sai.provenance.screens.base import Finding, Screen, ScreenInput


class Secrets(Screen):
    """Rows whose cells the `secrets` guard flags."""

    name: ClassVar[str] = "secrets"
    summary: ClassVar[str] = "credentials and keys (sai.guards secrets scanner)"

    def skip_reason(self, data: ScreenInput) -> str | None:
        return has_cells(data, text_only=False)

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        from sai.guards.secrets import SecretsScanner

        rows, shown = scan_cells(SecretsScanner(), data, text_only=False)
        if not rows:
            return ()
        return (
            Finding(
                self.name,
                rows,
                f"{len(rows)} rows hold what look like credentials or keys; remove and rotate them",
                {"cells": shown},
            ),
        )


__all__ = ["Secrets"]
