"""Who may do what in the console: the gateway's key roles mapped to console capabilities.

Every route names the one capability it needs; the server checks it on every request. Roles
not listed here (``user`` and custom ones) cannot sign in. ``auditor`` and ``owner`` read
everything and change nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType


class Can(enum.StrEnum):
    """A capability a console route requires."""

    read = "read"
    review = "review"


ROLE_CAPABILITIES: Mapping[str, frozenset[Can]] = MappingProxyType(
    {
        "admin": frozenset({Can.read, Can.review}),
        "reviewer": frozenset({Can.read, Can.review}),
        "owner": frozenset({Can.read}),
        "auditor": frozenset({Can.read}),
    }
)
CONSOLE_ROLES = tuple(ROLE_CAPABILITIES)


def allowed(role: str, capability: Can) -> bool:
    """Whether a key of ``role`` has ``capability``."""
    return capability in ROLE_CAPABILITIES.get(role, frozenset())


__all__ = ["CONSOLE_ROLES", "ROLE_CAPABILITIES", "Can", "allowed"]
