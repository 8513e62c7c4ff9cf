"""Sessions end when idle, at their maximum age, on sign-out and per key; sign-in throttling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sai.gateway.keys import ApiKey, KeyId
from sai.web import sessions as module
from sai.web.sessions import SessionStore, SignInThrottle, same

KEY = ApiKey(KeyId("abcdefabcdef"), "alice", "reviewer", datetime(2026, 1, 1, tzinfo=UTC))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(module.time, "monotonic", fake)
    return fake


def test_idle_session_ends(clock: Clock) -> None:
    store = SessionStore(timedelta(minutes=30), timedelta(hours=8))
    token, session = store.open(KEY)
    clock.now += 29 * 60
    assert store.find(token) is session
    clock.now += 29 * 60  # activity moved the idle clock
    assert store.find(token) is session
    clock.now += 31 * 60
    assert store.find(token) is None
    assert store.find(token) is None


def test_session_ends_at_max_age_despite_activity(clock: Clock) -> None:
    store = SessionStore(timedelta(minutes=30), timedelta(hours=1))
    token, _ = store.open(KEY)
    for _ in range(5):
        clock.now += 20 * 60
        store.find(token)
    assert store.find(token) is None


def test_close_and_close_key(clock: Clock) -> None:
    store = SessionStore(timedelta(minutes=30), timedelta(hours=8))
    one, _ = store.open(KEY)
    two, _ = store.open(KEY)
    store.close(one)
    assert store.find(one) is None
    assert store.find(two) is not None
    store.close_key(KEY.key_id)
    assert store.find(two) is None


@pytest.mark.parametrize("token", [None, "", "x" * 201, "unknown"])
def test_unknown_tokens(token: str | None) -> None:
    assert SessionStore(timedelta(minutes=1), timedelta(hours=1)).find(token) is None


def test_sessions_have_distinct_csrf_tokens() -> None:
    store = SessionStore(timedelta(minutes=1), timedelta(hours=1))
    assert store.open(KEY)[1].csrf != store.open(KEY)[1].csrf


def test_throttle_window(clock: Clock) -> None:
    throttle = SignInThrottle(2, timedelta(minutes=5))
    throttle.fail("a")
    assert not throttle.refused("a")
    throttle.fail("a")
    assert throttle.refused("a")
    assert not throttle.refused("b")
    clock.now += 301
    assert not throttle.refused("a")


def test_same() -> None:
    assert same("a", "a")
    assert not same("a", "b")
    assert not same(None, None)
    assert not same("a", None)
