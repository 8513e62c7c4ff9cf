"""Errors of the monitoring package: bad data files and windows, each with what to do."""

from __future__ import annotations

from sai.errors import InputError


class MonitoringError(InputError):
    """Root of monitoring's errors: a data file, a baseline or a window sai cannot use (exit 2)."""


__all__ = ["MonitoringError"]
