"""Deciding held responses in the console: the waiting client gets the decision, the ledger
holds both entries, four-eyes holds, and the deadline applies its default."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from sai.gateway.keys import key_id_of
from sai.gateway.review import ReviewQueue
from sai.ledger.kinds import ConsoleReview, ConsoleReviewTimeout, GatewayReview
from sai.web.decisions import sweep_overdue
from sai.web.settings import ConsoleSettings
from tests.web.conftest import Console


def poll(console: Console, review_id: str, role: str = "user") -> httpx.Response:
    with console.gateway.http(role) as http:
        return http.get(f"/v1/sai/reviews/{review_id}")


def decide(console: Console, role: str, review_id: str, **form: str) -> httpx.Response:
    with console.signed_in(role) as http:
        return http.post(f"/reviews/{review_id}/decide", data={"csrf": console.csrf(http), **form})


class TestDecisions:
    def test_approve_reaches_the_waiting_client(self, console: Console) -> None:
        review_id = console.hold()
        assert poll(console, review_id).status_code == 202
        answer = decide(console, "reviewer", review_id, action="approve", reason="benign link")
        assert answer.status_code == 303
        released = poll(console, review_id)
        assert released.status_code == 200
        assert "attacker.example" in released.json()["choices"][0]["message"]["content"]
        [gateway_entry] = console.gateway.ledger.query(kind="gateway.review")
        [entry] = console.gateway.ledger.query(kind="console.review")
        payload = ConsoleReview.from_evidence(entry.evidence)
        reviewer = key_id_of(console.gateway.keys["reviewer"])
        assert payload.decision == "approve"
        assert payload.reason == "benign link"
        assert payload.reviewer_key_id == reviewer
        assert payload.requester_key_id == key_id_of(console.gateway.keys["user"])
        assert payload.gateway_entry == gateway_entry.index
        assert payload.within_deadline
        assert payload.four_eyes
        assert entry.evidence.origin.is_control
        assert entry.evidence.actor == f"key:{reviewer}"
        assert GatewayReview.from_evidence(gateway_entry.evidence).decision == "approved"

    def test_edit_sends_the_edited_text(self, console: Console) -> None:
        review_id = console.hold()
        answer = decide(
            console,
            "admin",
            review_id,
            action="edit",
            reason="removed the tracking link",
            content="You said: [link removed]",
        )
        assert answer.status_code == 303
        released = poll(console, review_id).json()
        assert released["choices"][0]["message"]["content"] == "You said: [link removed]"
        [entry] = console.gateway.ledger.query(kind="console.review")
        assert entry.evidence.data["decision"] == "edit"

    def test_reject_refuses_the_client(self, console: Console) -> None:
        review_id = console.hold()
        decide(console, "reviewer", review_id, action="reject", reason="exfiltration attempt")
        refused = poll(console, review_id)
        assert refused.status_code == 403
        assert "exfiltration attempt" in refused.json()["error"]["message"]

    def test_a_decision_is_final(self, console: Console) -> None:
        review_id = console.hold()
        decide(console, "reviewer", review_id, action="reject", reason="no")
        again = decide(console, "admin", review_id, action="approve", reason="yes")
        assert again.status_code == 409
        assert poll(console, review_id).status_code == 403
        assert len(console.gateway.ledger.query(kind="console.review")) == 1

    @pytest.mark.parametrize(
        ("form", "status", "message"),
        [
            ({"action": "approve", "reason": "  "}, 400, "reason"),
            ({"action": "approve"}, 400, "reason"),
            ({"action": "delete", "reason": "x"}, 400, "approve, reject or edit"),
            ({"action": "approve", "reason": "x" * 2001}, 400, "reason"),
            ({"action": "edit", "reason": "x"}, 400, "no text to edit"),
        ],
    )
    def test_bad_decisions(
        self, console: Console, form: dict[str, str], status: int, message: str
    ) -> None:
        review_id = console.hold()
        answer = decide(console, "reviewer", review_id, **form)
        assert answer.status_code == status
        assert message in answer.text
        assert poll(console, review_id).status_code == 202

    def test_unknown_review(self, console: Console) -> None:
        answer = decide(console, "reviewer", "rev_ffffffffffffffff", action="approve", reason="x")
        assert answer.status_code == 404


class TestFourEyes:
    def test_requester_cannot_approve_their_own(self, console: Console) -> None:
        review_id = console.hold("admin")  # admin may chat and may review
        with console.signed_in("admin") as http:
            page = http.get(f"/reviews/{review_id}").text
        assert "four-eyes" in page
        assert "Record decision" not in page
        answer = decide(console, "admin", review_id, action="approve", reason="mine")
        assert answer.status_code == 403
        assert poll(console, review_id, "admin").status_code == 202
        assert (
            decide(console, "reviewer", review_id, action="approve", reason="ok").status_code == 303
        )

    def test_off_when_configured(self, make_console: Callable[..., Console]) -> None:
        console = make_console(four_eyes=False)
        review_id = console.hold("admin")
        assert decide(console, "admin", review_id, action="approve", reason="ok").status_code == 303
        [entry] = console.gateway.ledger.query(kind="console.review")
        assert entry.evidence.data["four_eyes"] is False


class TestDeadline:
    @pytest.mark.parametrize(("default", "status"), [("block", 403), ("release", 200)])
    def test_overdue_review_gets_the_default(
        self, console: Console, default: str, status: int
    ) -> None:
        review_id = console.hold()
        fresh = console.hold()
        queue = ReviewQueue(console.gateway.ledger.engine)
        settings = ConsoleSettings(review_deadline=timedelta(minutes=5), on_timeout=default)
        later = datetime.now(UTC) + timedelta(minutes=6)
        # the second one is held "later", so it is not overdue yet at that time
        assert queue.get(fresh) is not None
        done = sweep_overdue(queue, console.gateway.ledger, settings, now=later)
        assert set(done) == {review_id, fresh}
        assert poll(console, review_id).status_code == status
        timeouts = console.gateway.ledger.query(kind="console.review.timeout")
        payload = ConsoleReviewTimeout.from_evidence(timeouts[0].evidence)
        assert payload.outcome == ("blocked" if default == "block" else "released")
        assert payload.deadline_seconds == 300
        assert payload.waited_seconds >= 360
        # each timeout raised an alert that `sai monitor alerts` lists and can resolve
        from sai.monitoring.alerts import list_alerts

        raised = {a.alert_id for a in list_alerts(console.gateway.ledger)}
        assert {f"review-timeout-{review_id}", f"review-timeout-{fresh}"} <= raised
        assert sweep_overdue(queue, console.gateway.ledger, settings, now=later) == []

    def test_not_overdue_is_left_alone(self, console: Console) -> None:
        review_id = console.hold()
        queue = ReviewQueue(console.gateway.ledger.engine)
        settings = ConsoleSettings(review_deadline=timedelta(minutes=5))
        assert sweep_overdue(queue, console.gateway.ledger, settings, now=datetime.now(UTC)) == []
        assert poll(console, review_id).status_code == 202

    def test_a_late_decision_is_marked(self, make_console: Callable[..., Console]) -> None:
        console = make_console(review_deadline=timedelta(seconds=0))
        review_id = console.hold()
        decide(console, "reviewer", review_id, action="approve", reason="late but fine")
        [entry] = console.gateway.ledger.query(kind="console.review")
        assert entry.evidence.data["within_deadline"] is False
