"""Full verification: the report, checkpoints held against the log, and the fast leaf check."""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sai.ledger import (
    Attachment,
    CanonicalJsonError,
    Evidence,
    EvidenceError,
    Ledger,
    Origin,
    VerifyReport,
)
from sai.ledger._leafcheck import LeafChecker
from sai.ledger.checkpoint import Checkpoint, sign_checkpoint
from tests.ledger.ledger_support import ORIGIN, fill, item, make_ledger, new_signer, sqlite_url


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with make_ledger(sqlite_url(tmp_path), checkpoint_path=tmp_path / "latest") as made:
        yield made


class TestReport:
    def test_empty_ledger(self, ledger: Ledger) -> None:
        report = ledger.verify()
        assert report == VerifyReport(ok=True, size=0, root=ledger.root(), problems=())

    def test_ok_with_checkpoints(self, ledger: Ledger) -> None:
        fill(ledger, 300)
        ledger.checkpoint()
        fill(ledger, 30, start=300)
        ledger.checkpoint()
        report = ledger.verify()
        assert report.ok
        assert report.size == 330
        assert report.root == ledger.root()
        assert report.checkpoints == 3  # two stored, one file
        assert report.to_json() == {
            "ok": True,
            "size": 330,
            "root": base64.b64encode(ledger.root()).decode(),
            "checkpoints_checked": 3,
            "anchored_size": 330,
            "unanchored": 0,
            "problems": [],
        }

    def test_progress_is_reported(self, ledger: Ledger) -> None:
        fill(ledger, 5000, batch=1000)
        seen: list[tuple[int, int]] = []
        assert ledger.verify(progress=lambda done, total: seen.append((done, total))).ok
        assert seen[-1] == (5000, 5000)
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)

    def test_problems_are_capped(self, ledger: Ledger) -> None:
        fill(ledger, 80)
        with ledger.engine.begin() as conn:
            conn.execute(sa.text("UPDATE ledger_entries SET kind = 'other.kind'"))
        report = ledger.verify()
        assert not report.ok
        assert report.problems[0] == "entry 0: the kind/subject columns differ from the leaf"
        assert report.problems[-1] == "... and 30 more problems"


class TestCheckpointsHeldAgainstTheLog:
    def test_a_kept_checkpoint_still_verifies(self, ledger: Ledger) -> None:
        fill(ledger, 20)
        kept = ledger.checkpoint().to_bytes()
        fill(ledger, 300, start=20)
        assert ledger.verify(from_checkpoint=kept).ok

    def test_a_checkpoint_from_the_future(self, ledger: Ledger) -> None:
        fill(ledger, 20)
        future = sign_checkpoint(Checkpoint(ORIGIN, 50, b"\0" * 32), ledger._signer)  # type: ignore[arg-type]
        report = ledger.verify(from_checkpoint=future.to_bytes())
        assert report.problems == (
            "the given checkpoint: it covers 50 entries but the log has only 20: "
            "entries were removed",
        )

    def test_a_checkpoint_of_another_log(self, ledger: Ledger) -> None:
        other = sign_checkpoint(Checkpoint("other.test/log", 0, ledger.root()), new_signer())
        report = ledger.verify(from_checkpoint=other.to_bytes())
        assert not report.ok
        assert report.problems[0].startswith("the given checkpoint: ")

    def test_garbage_instead_of_a_checkpoint(self, ledger: Ledger) -> None:
        report = ledger.verify(from_checkpoint=b"\xff\xfe not a note")
        assert not report.ok
        assert report.problems[0].startswith("the given checkpoint: ")

    def test_extra_verifiers_accept_cosigned_checkpoints(self, ledger: Ledger) -> None:
        fill(ledger, 3)
        witness = new_signer("witness")
        signed = sign_checkpoint(Checkpoint(ORIGIN, 3, ledger.root()), witness)
        assert not ledger.verify(from_checkpoint=signed.to_bytes()).ok
        assert ledger.verify(from_checkpoint=signed.to_bytes(), verifiers=[witness.verifier()]).ok

    def test_a_replaced_checkpoint_file(self, ledger: Ledger, tmp_path: Path) -> None:
        fill(ledger, 3)
        ledger.checkpoint()
        forged = sign_checkpoint(Checkpoint(ORIGIN, 3, ledger.root()), new_signer())
        (tmp_path / "latest").write_bytes(forged.to_bytes())
        report = ledger.verify()
        assert report.problems[0].startswith(f"the checkpoint file {tmp_path / 'latest'}: ")


def _leaf_variants() -> list[bytes]:
    good = item(3, provisions=["5.2.1-1", "5.4.2-1"], data={"a": [1, "x"], "b": {"c": None}})
    text = good.leaf_bytes().decode()
    return [
        good.leaf_bytes(),
        text.replace('"n"', '"n" ').encode(),
        text.replace(":", ": ", 1).encode(),
        text.replace('"actor":"tester"', '"actor":"tester","actor":"tester"').encode(),
        text.replace('{"actor"', '{"zeta":1,"actor"').encode(),
        text.replace('"v":1', '"v":true').encode(),
        text.replace('"v":1', '"v":1.0').encode(),
        text.replace('"v":1', '"v":2').encode(),
        text.replace('"kind":"test.item"', '"kind":"Test.Item"').encode(),
        text.replace('"kind":"test.item"', '"kind":1').encode(),
        text.replace('"subject":"subject-3"', '"subject":""').encode(),
        text.replace(
            '"provisions":["5.2.1-1","5.4.2-1"]', '"provisions":["5.4.2-1","5.2.1-1"]'
        ).encode(),
        text.replace('"provisions":["5.2.1-1","5.4.2-1"]', '"provisions":[1]').encode(),
        text.replace('"provisions":["5.2.1-1","5.4.2-1"]', '"provisions":"5.2.1-1"').encode(),
        text.replace(".000000Z", ".000000+00:00").encode(),
        text.replace("2026-01-01T", "2026-02-30T").encode(),
        text.replace("T00:00:03.", "T24:00:03.").encode(),
        text.replace("T00:00:03.", "T23:59:60.").encode(),
        text.replace("T00:00:03.", "T00:60:03.").encode(),
        text.replace("T00:00:03.", "T0\u0663:00:03.").encode(),
        text.replace("2026-01-01T", "2026-13-01T").encode(),
        text.replace("2026-01-01T", "0000-01-01T").encode(),
        text.replace("2026-01-01T", "2024-02-29T").encode(),
        text.replace('"c":null', '"c":9007199254740992').encode(),
        text.replace('"c":null', '"c":-0').encode(),
        text.replace('"c":null', '"c":"\\ud800"').encode(),
        text.replace('"c":null', '"c":"\\u0041"').encode(),
        text.replace('"c":null', '"c":"\\n"').encode(),
        text.replace('"c":null', '"c":' + "[" * 70 + "]" * 70).encode(),
        text.replace('"data":{', '"data":[{').replace(',"kind"', '],"kind"', 1).encode(),
        b"\xef\xbb\xbf" + good.leaf_bytes(),
        good.leaf_bytes().decode().encode("utf-16"),
        good.leaf_bytes()[:-1],
        good.leaf_bytes() + b"\n",
        b"[]",
        b"\xff",
        Evidence.create(
            "doc.published",
            "card",
            actor="a",
            origin=Origin.control("test"),
            attachments=[Attachment("card.md", "sha256:" + "0" * 64, 10, "text/markdown")],
        ).leaf_bytes(),
    ]


def _agree(leaf: bytes, checker: LeafChecker) -> None:
    try:
        Evidence.from_leaf_bytes(leaf)
    except (EvidenceError, CanonicalJsonError):
        with pytest.raises((EvidenceError, CanonicalJsonError)):
            checker.check(leaf)
    else:
        assert checker.check(leaf) == json.loads(leaf)


class TestLeafChecker:
    @pytest.mark.parametrize("leaf", _leaf_variants())
    def test_agrees_with_from_leaf_bytes(self, leaf: bytes) -> None:
        checker = LeafChecker()
        _agree(item(3, provisions=["5.2.1-1", "5.4.2-1"]).leaf_bytes(), checker)  # warm cache
        _agree(leaf, checker)

    @settings(max_examples=300, deadline=None)
    @given(st.data())
    @example(None)
    def test_agrees_on_mutated_leaves(self, data: st.DataObject | None) -> None:
        checker = LeafChecker()
        good = item(7, provisions=["5.2.1-1"], data={"k": [1, 2, {"x": "y"}]}).leaf_bytes()
        _agree(good, checker)
        if data is None:
            return
        raw = bytearray(good)
        for _ in range(data.draw(st.integers(1, 3))):
            position = data.draw(st.integers(0, len(raw) - 1))
            action = data.draw(st.sampled_from(["flip", "delete", "insert"]))
            if action == "flip":
                raw[position] = data.draw(st.integers(0, 255))
            elif action == "delete" and len(raw) > 1:
                del raw[position]
            else:
                raw.insert(position, data.draw(st.sampled_from(b' ,:{}[]"\\0123456789aeflnrstu.-')))
        _agree(bytes(raw), checker)

    @settings(max_examples=200, deadline=None)
    @given(
        st.dictionaries(
            st.text(max_size=5),
            st.recursive(
                st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(max_size=5),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=3)
                ),
                max_leaves=10,
            ),
            max_size=4,
        )
    )
    def test_agrees_on_arbitrary_data(self, payload: dict[str, object]) -> None:
        good = item(1).leaf_bytes().decode()
        leaf = good.replace(
            '"data":{"n":1}',
            '"data":'
            + json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        )
        _agree(leaf.encode("utf-8", "surrogatepass"), LeafChecker())


class TestSecondProcess:
    """Large logs are checked in two halves, the upper one by a child process."""

    def _verify(self, ledger: Ledger) -> VerifyReport:
        from sai.ledger.logverify import verify_log

        return verify_log(
            ledger.engine,
            origin=ORIGIN,
            verifiers=[ledger.verifier],
            checkpoint_file=ledger.checkpoint_path,
            parallel_from=100,
        )

    def test_same_report_as_one_process(self, ledger: Ledger) -> None:
        fill(ledger, 700, batch=100)
        ledger.checkpoint()
        fill(ledger, 10, start=700)
        assert self._verify(ledger) == ledger.verify()
        assert self._verify(ledger).ok

    def test_problems_in_both_halves_in_index_order(self, ledger: Ledger) -> None:
        fill(ledger, 700, batch=100)
        ledger.checkpoint()
        with ledger.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM ledger_entries WHERE idx IN (100, 600)"))
            conn.execute(sa.text("UPDATE ledger_entries SET kind = 'x.y' WHERE idx = 650"))
        report = self._verify(ledger)
        assert report.problems[:3] == (
            "entry 100 is missing (the next stored entry is 101)",
            "entry 600 is missing (the next stored entry is 601)",
            "entry 650: the kind/subject columns differ from the leaf",
        )
        assert any(p.startswith("checkpoint #1 (size 700)") for p in report.problems)

    def test_missing_tail_of_the_lower_half(self, ledger: Ledger) -> None:
        fill(ledger, 400)
        with ledger.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM ledger_entries WHERE idx >= 190 AND idx < 200"))
        assert self._verify(ledger).problems[0] == "entry 190 is missing (up to entry 199)"

    def test_falls_back_when_the_child_fails(
        self, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fill(ledger, 300)
        monkeypatch.setattr(sys, "executable", "/bin/false")
        assert self._verify(ledger).ok

    @pytest.mark.services
    def test_postgres(self, postgres_url: str) -> None:
        with make_ledger(postgres_url) as ledger:
            fill(ledger, 300)
            ledger.checkpoint()
            assert self._verify(ledger).ok
            with ledger.engine.begin() as conn:
                conn.execute(sa.text("UPDATE ledger_entries SET subject = 'x' WHERE idx = 250"))
            assert self._verify(ledger).problems[0] == (
                "entry 250: the kind/subject columns differ from the leaf"
            )
