"""What every console request works with: the ledger, keys, reviews, sessions and settings."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from sai.catalog import Catalog
from sai.gateway.keys import KeyStore
from sai.gateway.predict import ModelGate, Predictor
from sai.gateway.review import ReviewQueue
from sai.guards import Guard
from sai.ledger import Ledger
from sai.manifest import Manifest
from sai.web.sessions import SessionStore, SignInThrottle
from sai.web.settings import ConsoleSettings
from sai.web.status import Status, compute_status


def environment() -> jinja2.Environment:
    """The console's templates (autoescaped)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sai.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = lambda moment: moment.strftime("%Y-%m-%d %H:%M:%S UTC")
    return env


@dataclass
class ConsoleState:
    """The console's collaborators; one per app."""

    ledger: Ledger
    manifest: Manifest
    catalog: Catalog
    settings: ConsoleSettings
    predict_models: Mapping[str, Path] = field(default_factory=dict)
    model_gate: ModelGate | None = None
    keys: KeyStore = field(init=False)
    reviews: ReviewQueue = field(init=False)
    sessions: SessionStore = field(init=False)
    throttle: SignInThrottle = field(init=False)
    templates: jinja2.Environment = field(init=False)
    _status: tuple[float, Status] | None = field(default=None, init=False)
    _status_lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _refreshing: bool = field(default=False, init=False)
    predictor: Predictor = field(init=False)
    #: Guards built for highlighting findings in held responses, by name.
    guards: dict[str, Guard] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.keys = KeyStore(self.ledger.engine)
        self.reviews = ReviewQueue(self.ledger.engine)
        self.sessions = SessionStore(self.settings.session_idle, self.settings.session_max)
        self.throttle = SignInThrottle(self.settings.signin_failures, self.settings.signin_window)
        self.templates = environment()
        self.predictor = Predictor(self.predict_models, self.model_gate)

    def status(self) -> Status:
        """The live verdicts. Older than ``status_seconds``, the cached ones are served while a
        background thread recomputes them (a page never waits for the checks, ~0.1-0.2 s at
        1M entries); only the first request, and the first after `forget_status`, waits."""
        with self._status_lock:
            cached = self._status
            if cached is not None:
                if time.monotonic() - cached[0] > self.settings.status_seconds and not (
                    self._refreshing
                ):
                    self._refreshing = True
                    threading.Thread(target=self._refresh, daemon=True).start()
                return cached[1]
        return self._refresh()

    def _refresh(self) -> Status:
        try:
            fresh = compute_status(self.ledger, self.manifest, self.catalog, datetime.now(UTC))
            with self._status_lock:
                self._status = (time.monotonic(), fresh)
            return fresh
        finally:
            self._refreshing = False

    def forget_status(self) -> None:
        """Drop the cached verdicts (after a change the next page must show)."""
        with self._status_lock:
            self._status = None


__all__ = ["ConsoleState", "environment"]
