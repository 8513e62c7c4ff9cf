"""A witness cosigns only checkpoints that extend the last one it saw, in its own state dir."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from sai.ledger import Ledger, NoteSigner
from sai.ledger.errors import CheckpointError, InconsistentTreeError
from sai.ledger.witness import WitnessState, witness
from tests.ledger.ledger_support import fill, item, make_ledger, new_signer, sqlite_url


@pytest.fixture
def signer() -> NoteSigner:
    return new_signer()


@pytest.fixture
def ledger(tmp_path: Path, signer: NoteSigner) -> Iterator[Ledger]:
    with make_ledger(sqlite_url(tmp_path), signer) as made:
        yield made


@pytest.fixture
def state(tmp_path: Path) -> WitnessState:
    keeper = WitnessState(tmp_path / "witness")
    keeper.create("auditor.example/w1")
    return keeper


def _cosign(state: WitnessState, ledger: Ledger, **kwargs: object) -> object:
    note = ledger.checkpoint().to_bytes()
    return witness(state, note, timestamp=1_767_225_600, proofs=ledger.prove_consistency, **kwargs)  # type: ignore[arg-type]


class TestWitness:
    def test_state_holds_a_private_key_and_a_public_vkey(self, state: WitnessState) -> None:
        key = state.directory / "witness.key"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        vkey = (state.directory / "witness.vkey").read_text().strip()
        assert vkey == state.cosigner().verifier().verifier_key()
        with pytest.raises(CheckpointError, match="already holds"):
            state.create("again")

    def test_first_sight_needs_the_log_key_then_pins_it(
        self, state: WitnessState, ledger: Ledger, signer: NoteSigner
    ) -> None:
        fill(ledger, 10)
        with pytest.raises(CheckpointError, match="has not seen the log") as refused:
            _cosign(state, ledger)
        assert "--log-key" in (refused.value.hint or "")
        done = _cosign(state, ledger, log_key=signer.verifier())
        assert done.previous_size is None  # type: ignore[attr-defined]
        fill(ledger, 10, start=10)
        done = _cosign(state, ledger)  # pinned now
        assert done.previous_size == 10  # type: ignore[attr-defined]
        cosigned = done.signed  # type: ignore[attr-defined]
        assert cosigned.checkpoint.size == 20
        assert state.cosigner().verifier().find(cosigned) is not None

    def test_a_different_log_key_is_refused(
        self, state: WitnessState, ledger: Ledger, signer: NoteSigner
    ) -> None:
        fill(ledger, 3)
        _cosign(state, ledger, log_key=signer.verifier())
        with pytest.raises(CheckpointError, match="differs from the key"):
            _cosign(state, ledger, log_key=new_signer(signer.name).verifier())

    def test_a_rewritten_log_is_refused(
        self, state: WitnessState, ledger: Ledger, signer: NoteSigner
    ) -> None:
        fill(ledger, 300)
        _cosign(state, ledger, log_key=signer.verifier())
        # the operator cuts the log back, drops every checkpoint, and writes another history
        with ledger.engine.begin() as conn:
            for statement in (
                "DELETE FROM ledger_entries WHERE idx >= 200",
                "DELETE FROM ledger_provisions WHERE idx >= 200",
                "DELETE FROM ledger_nodes WHERE (idx + 1) * (1 << level) > 200",
                "DELETE FROM ledger_checkpoints",
                "UPDATE ledger_head SET size = 200",
            ):
                conn.execute(sa.text(statement))
        ledger.append_many([item(n, subject="rewritten") for n in range(150)])
        with pytest.raises(InconsistentTreeError, match="not consistent with size 300"):
            _cosign(state, ledger)

    def test_a_smaller_checkpoint_is_refused(
        self, state: WitnessState, ledger: Ledger, signer: NoteSigner
    ) -> None:
        fill(ledger, 5)
        old = ledger.checkpoint().to_bytes()
        fill(ledger, 5, start=5)
        _cosign(state, ledger, log_key=signer.verifier())
        with pytest.raises(InconsistentTreeError, match="already cosigned size 10"):
            witness(state, old, timestamp=1, proofs=ledger.prove_consistency)

    def test_the_same_checkpoint_again_is_fine(
        self, state: WitnessState, ledger: Ledger, signer: NoteSigner
    ) -> None:
        fill(ledger, 5)
        note = ledger.checkpoint().to_bytes()
        witness(state, note, timestamp=1, log_key=signer.verifier())
        again = witness(state, note, timestamp=2)
        assert again.previous_size == 5

    def test_a_missing_key_says_how_to_make_one(self, tmp_path: Path) -> None:
        with pytest.raises(CheckpointError, match="holds no witness key") as refused:
            WitnessState(tmp_path / "empty").cosigner()
        assert "--name NAME" in (refused.value.hint or "")
