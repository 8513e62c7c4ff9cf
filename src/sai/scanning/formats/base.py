"""The scanner plugin interface: one class per format, registered in ``formats/__init__``.

A scanner receives one ``Item`` (bytes plus where they sit inside the artifact) and reports
findings through the ``ScanContext``; containers hand their members back to the context, which
detects each member's format and dispatches again, within the depth and size limits.
"""

from __future__ import annotations

import abc
from typing import ClassVar, NamedTuple, Protocol

from sai.scanning.detect import Format
from sai.scanning.pickle import AllowList, PickleLimits
from sai.scanning.result import Finding


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class Item(NamedTuple):
    """Bytes to scan and where they are: ``member`` is the path inside the artifact."""

    data: memoryview
    member: str
    name: str
    depth: int

    def child(self, name: str) -> str:
        """The member path of ``name`` inside this item."""
        return f"{self.member}!{name}" if self.member else name


class ScanLimits(NamedTuple):
    """Bounds on containers: nesting depth, members, and bytes decompressed per artifact."""

    max_depth: int = 6
    max_members: int = 20_000
    max_expanded: int = 8 << 30
    max_member: int = 2 << 30


class ScanContext(Protocol):
    """What a scanner may use: settings, reporting, and scanning of nested members."""

    @property
    def allow(self) -> AllowList: ...

    @property
    def limits(self) -> ScanLimits: ...

    @property
    def pickle_limits(self) -> PickleLimits: ...

    def report(self, finding: Finding) -> None: ...

    def expand(self, size: int) -> int:
        """Count ``size`` decompressed bytes; returns what may still be decompressed."""
        ...

    def scan_member(self, data: memoryview, member: str, name: str, depth: int) -> None:
        """Detect the format of a member and scan it."""
        ...


class FormatScanner(abc.ABC):
    """A scanner for one format; it never executes or imports what it reads."""

    format: ClassVar[Format]

    @abc.abstractmethod
    def scan(self, item: Item, ctx: ScanContext) -> None:
        """Report every finding in ``item`` through ``ctx``."""


__all__ = ["FormatScanner", "Item", "ScanContext", "ScanLimits"]
