"""Screen: instructions aimed at a model hidden in the data (sai.guards injection detector)."""

from __future__ import annotations

from typing import ClassVar

from sai.provenance.screens._guarded import has_cells, scan_cells
from sai.provenance.screens.base import Finding, Screen, ScreenInput


class HiddenInstructions(Screen):
    """Rows whose cells the `injection` guard flags."""

    name: ClassVar[str] = "hidden-instructions"
    summary: ClassVar[str] = (
        "instructions aimed at a model hidden in the data (sai.guards injection detector)"
    )

    def skip_reason(self, data: ScreenInput) -> str | None:
        return has_cells(data, text_only=True)

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        from sai.guards.injection.scanner import InjectionScanner

        rows, shown = scan_cells(InjectionScanner(), data, text_only=True)
        if not rows:
            return ()
        return (
            Finding(
                self.name,
                rows,
                f"{len(rows)} rows hold text that reads as instructions to a model; "
                "remove them before training or retrieval",
                {"cells": shown},
            ),
        )


__all__ = ["HiddenInstructions"]
