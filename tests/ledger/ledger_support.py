"""Helpers shared by the persistent-ledger tests: keys, evidence, ledgers on a URL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sai.ledger import EntryRef, Evidence, Ledger, NoteSigner, Origin
from sai.ledger.errors import EvidenceError
from sai.store import create_store_engine

ORIGIN = "example.test/ledger"
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def new_signer(name: str = "test-log") -> NoteSigner:
    return NoteSigner(name, Ed25519PrivateKey.generate())


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / 'ledger.db'}"


def make_ledger(
    url: str, signer: NoteSigner | None = None, checkpoint_path: Path | None = None
) -> Ledger:
    return Ledger(
        create_store_engine(url),
        signer=signer or new_signer(),
        origin=ORIGIN,
        checkpoint_path=checkpoint_path,
        owns_engine=True,
    )


def item(
    n: int,
    *,
    kind: str = "test.item",
    subject: str | None = None,
    provisions: Sequence[str] = (),
    data: dict[str, Any] | None = None,
) -> Evidence:
    return Evidence.create(
        kind,
        subject or f"subject-{n % 5}",
        provisions=provisions,
        actor="tester",
        origin=Origin.control("test"),
        data={"n": n} if data is None else data,
        time=T0 + timedelta(seconds=n),
    )


def fill(ledger: Ledger, count: int, *, start: int = 0, batch: int = 500) -> list[EntryRef]:
    refs: list[EntryRef] = []
    for low in range(start, start + count, batch):
        high = min(low + batch, start + count)
        refs.extend(ledger.append_many([item(n) for n in range(low, high)]))
    return refs


def outcome(make: Any) -> tuple[str, Any]:
    """("ok", what ``make`` returns) or ("error", the text of the `EvidenceError` it raised)."""
    try:
        return "ok", make()
    except EvidenceError as error:
        return "error", str(error)


def assert_same_evidence(ours: Evidence, theirs: Evidence) -> None:
    """``ours`` is ``theirs``: leaf bytes, equality, repr (the frozen data's order too), and
    a round trip through the leaf bytes."""
    assert ours.leaf_bytes() == theirs.leaf_bytes()
    assert ours == theirs
    assert repr(ours) == repr(theirs)
    assert Evidence.from_leaf_bytes(ours.leaf_bytes()) == ours


def assert_same_outcome(made: tuple[str, Any], expected: tuple[str, Any]) -> Evidence | None:
    """Two `outcome`s agree: the same error text, or the same evidence (then returned)."""
    assert made[0] == expected[0]
    if made[0] == "error":
        assert made[1] == expected[1]
        return None
    ours: Evidence = made[1]
    assert_same_evidence(ours, expected[1])
    return ours
