"""The console's settings: a frozen value built from sai.yaml's ``console`` section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sai.manifest import Manifest


@dataclass(frozen=True)
class ConsoleSettings:
    """How the console runs: review deadline and default, four-eyes, sessions, cookies."""

    review_deadline: timedelta = timedelta(minutes=60)
    #: ``block`` rejects an unreviewed held response at its deadline; ``release`` sends it.
    on_timeout: str = "block"
    four_eyes: bool = True
    session_idle: timedelta = timedelta(minutes=30)
    session_max: timedelta = timedelta(hours=8)
    #: Mark the session cookie Secure: True, False, or None for "when the request came over TLS".
    secure_cookies: bool | None = None
    #: Seconds a computed overview (every check run over the ledger) is served before a
    #: background recompute; the checks read roll-ups, so this costs ~0.1-0.2 s at 1M entries.
    status_seconds: float = 5.0
    #: Seconds between sweeps that apply the timeout default to overdue reviews.
    sweep_seconds: float = 15.0
    #: Failed sign-ins per client address and window before it is refused (429).
    signin_failures: int = 10
    signin_window: timedelta = timedelta(minutes=5)

    @classmethod
    def from_manifest(cls, manifest: Manifest, **changes: object) -> ConsoleSettings:
        """The settings of ``manifest.console`` with ``changes`` applied."""
        spec = manifest.console
        base = cls(
            review_deadline=timedelta(minutes=spec.review_deadline_minutes),
            on_timeout=spec.on_timeout.value,
            four_eyes=spec.four_eyes,
            session_idle=timedelta(minutes=spec.session_minutes),
        )
        return cls(**{**base.__dict__, **changes})


__all__ = ["ConsoleSettings"]
