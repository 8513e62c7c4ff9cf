"""Errors of the container readers; the scanner turns each into a fail-closed finding."""

from __future__ import annotations


class ContainerError(Exception):
    """The container is malformed at ``offset`` (None when unknown)."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class LimitExceeded(ContainerError):
    """Reading further would pass a scan limit (size, members, depth)."""


class Unsupported(ContainerError):
    """A compression method or container sai cannot read."""


__all__ = ["ContainerError", "LimitExceeded", "Unsupported"]
