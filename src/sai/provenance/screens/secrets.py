"""Screen: credentials and keys (sai.guards secrets scanner)."""

from __future__ import annotations

from typing import ClassVar

from sai.provenance.screens._guarded import GuardScreen


class Secrets(GuardScreen):
    """Rows whose cells the `secrets` guard flags."""

    name: ClassVar[str] = "secrets"
    summary: ClassVar[str] = "credentials and keys (sai.guards secrets scanner)"
    guard: ClassVar[str] = "secrets"
    text_only: ClassVar[bool] = False
    advice: ClassVar[str] = "what look like credentials or keys; remove and rotate them"


__all__ = ["Secrets"]
