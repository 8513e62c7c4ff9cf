"""Console sessions: an API key signs in once; a random cookie token stands for it after.

Sessions live in the console process's memory, keyed by the SHA-256 of their token (a memory
dump does not hand out live cookies). Each has its own CSRF token. A session ends after
``idle`` without a request, after ``max_age`` in any case, at sign-out, and as soon as its key
is revoked, expires or changes role (the key is re-read on every request).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sai.gateway.keys import ApiKey, KeyStore, key_id_of, secret_matches
from sai.web.roles import CONSOLE_ROLES

COOKIE = "sai_console"
SECURE_COOKIE = "__Host-sai_console"
PRE_COOKIE = "sai_console_pre"


@dataclass
class Session:
    """A signed-in key: who, which role, its CSRF token and its clock."""

    key_id: str
    key_name: str
    role: str
    csrf: str
    started: float
    seen: float = field(default=0.0)

    @property
    def actor(self) -> str:
        """How the ledger names the person behind this session."""
        return f"key:{self.key_id}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time equality of two optional tokens (None never matches)."""
    if a is None or b is None:
        return False
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


class SessionStore:
    """Open, find and close sessions (thread-safe)."""

    def __init__(self, idle: timedelta, max_age: timedelta) -> None:
        self._idle = idle.total_seconds()
        self._max = max_age.total_seconds()
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, key: ApiKey) -> tuple[str, Session]:
        """A new session for ``key``; returns its cookie token and the session."""
        token = secrets.token_urlsafe(32)
        now = time.monotonic()
        session = Session(key.key_id, key.name, key.role, secrets.token_urlsafe(32), now, now)
        with self._lock:
            self._sessions[_digest(token)] = session
        return token, session

    def find(self, token: str | None) -> Session | None:
        """The live session behind ``token`` (its clock advanced), or None."""
        if not token or len(token) > 200:
            return None
        now = time.monotonic()
        with self._lock:
            session = self._sessions.get(_digest(token))
            if session is None:
                return None
            if now - session.seen > self._idle or now - session.started > self._max:
                del self._sessions[_digest(token)]
                return None
            session.seen = now
            return session

    def close(self, token: str | None) -> None:
        """End the session behind ``token`` (no error when there is none)."""
        if token:
            with self._lock:
                self._sessions.pop(_digest(token), None)

    def close_key(self, key_id: str) -> None:
        """End every session of ``key_id``."""
        with self._lock:
            for digest in [d for d, s in self._sessions.items() if s.key_id == key_id]:
                del self._sessions[digest]


class SignInThrottle:
    """Failed sign-ins per client address within a window; refuses past ``limit``."""

    def __init__(self, limit: int, window: timedelta) -> None:
        self._limit = limit
        self._window = window.total_seconds()
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> list[float]:
        kept = [t for t in self._failures.get(address, []) if now - t < self._window]
        if kept:
            self._failures[address] = kept
        else:
            self._failures.pop(address, None)
        return kept

    def refused(self, address: str) -> bool:
        """Whether ``address`` has failed too often in the window."""
        with self._lock:
            return len(self._recent(address, time.monotonic())) >= self._limit

    def fail(self, address: str) -> None:
        """Count a failed sign-in from ``address``."""
        with self._lock:
            now = time.monotonic()
            self._failures[address] = [*self._recent(address, now), now]


def check_key(store: KeyStore, secret: str, now: datetime) -> ApiKey | str:
    """The active console key behind ``secret``, or the reason it cannot sign in."""
    key_id = key_id_of(secret.strip())
    found = None
    if key_id is not None:
        found = next((pair for pair in store.all_with_hashes() if pair[0].key_id == key_id), None)
    if not secret_matches(secret.strip(), found[1] if found else None) or found is None:
        return "That API key is not valid."
    key = found[0]
    state = key.state(now)
    if state != "active":
        return f"That API key is {state}."
    if key.role not in CONSOLE_ROLES:
        return f"Keys of role {key.role!r} have no access to the console."
    return key


__all__ = [
    "COOKIE",
    "PRE_COOKIE",
    "SECURE_COOKIE",
    "Session",
    "SessionStore",
    "SignInThrottle",
    "check_key",
    "same",
]
