"""Errors of the container readers; the scanner turns each into a fail-closed finding."""

from __future__ import annotations

from sai.scanning.errors import ScanningError


class ContainerError(ScanningError):
    """The container is malformed at ``offset`` (None when unknown)."""


class LimitExceeded(ContainerError):
    """Reading further would pass a scan limit (size, members, depth)."""


class Unsupported(ContainerError):
    """A compression method or container sai cannot read."""


__all__ = ["ContainerError", "LimitExceeded", "Unsupported"]
