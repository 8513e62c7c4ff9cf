"""Screen: instructions aimed at a model hidden in the data (sai.guards injection detector)."""

from __future__ import annotations

from typing import ClassVar

from sai.provenance.screens._guarded import GuardScreen


class HiddenInstructions(GuardScreen):
    """Rows whose cells the `injection` guard flags."""

    name: ClassVar[str] = "hidden-instructions"
    summary: ClassVar[str] = (
        "instructions aimed at a model hidden in the data (sai.guards injection detector)"
    )
    guard: ClassVar[str] = "injection"
    text_only: ClassVar[bool] = True
    advice: ClassVar[str] = (
        "text that reads as instructions to a model; remove them before training or retrieval"
    )


__all__ = ["HiddenInstructions"]
