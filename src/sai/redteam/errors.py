"""The red-team error tree: one root, and one per extension point (probes, targets, attacks)."""

from __future__ import annotations

from sai.errors import InputError, SaiError


class RedteamError(SaiError):
    """Root of every error sai.redteam raises on purpose (exit 2: bad input or setup)."""

    exit_code = 2


class TargetError(RedteamError):
    """A target is misconfigured (a broken template, an unknown scheme) or cannot be reached."""


class ProbeError(RedteamError):
    """A probe is unknown, or its shipped attack data is malformed."""


class Refused(RedteamError):
    """The endpoint declined to answer on purpose (a content filter, a hold for review).

    Not a failure of the run: the attempt is judged as defended.
    """


class RunLogError(RedteamError, InputError):
    """A run directory's log is malformed or belongs to a different run."""


class AttackError(RedteamError):
    """A classic-model attack cannot run: no data, a model without predictions, a bad split."""


__all__ = ["AttackError", "ProbeError", "RedteamError", "Refused", "RunLogError", "TargetError"]
