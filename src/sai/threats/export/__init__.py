"""Renderers of a recorded threat model: each reads the model's data and returns text.

``FORMATS`` is the registry `sai threats export --format` chooses from; ``DIAGRAMS`` the one of
`sai threats diagram`. Renderers never touch the ledger or the manifest: the recorded data is
the single source, so an export always matches a ledger entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from sai.threats.export.diagram import dot, mermaid, svg
from sai.threats.export.tables import csv_text, json_text, markdown
from sai.threats.export.threat_dragon import threat_dragon_text
from sai.threats.export.webpage import html

Renderer = Callable[[Mapping[str, Any]], str]

#: Export formats by name.
FORMATS: Mapping[str, Renderer] = MappingProxyType(
    {
        "json": json_text,
        "md": markdown,
        "html": html,
        "csv": csv_text,
        "threat-dragon": threat_dragon_text,
    }
)

#: Diagram formats by name.
DIAGRAMS: Mapping[str, Renderer] = MappingProxyType({"mermaid": mermaid, "dot": dot, "svg": svg})

__all__ = ["DIAGRAMS", "FORMATS", "Renderer"]
