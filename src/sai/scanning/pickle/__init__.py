"""Pickle analysis by simulation: every import and call, decided by an allow-list."""

from sai.scanning.pickle.allowlist import AllowList, default_allowlist, parse_allowlist
from sai.scanning.pickle.machine import PickleLimits, PickleMode, PickleRun, simulate

__all__ = [
    "AllowList",
    "PickleLimits",
    "PickleMode",
    "PickleRun",
    "default_allowlist",
    "parse_allowlist",
    "simulate",
]
