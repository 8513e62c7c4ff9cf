"""What the pages show: verdicts and totals, cited evidence proved live, ledger pages,
explanations recorded as evidence."""

from __future__ import annotations

import re

import pytest

from sai.ledger import Evidence, Origin
from sai.ledger.kinds import ConsoleExplanation
from sai.web.browse import PAGE_SIZE
from tests.web.conftest import Console


def test_overview_shows_totals_principles_and_actions(console: Console) -> None:
    console.hold()
    with console.signed_in("owner") as http:
        page = http.get("/").text
    assert "Conformance of console-test" in page
    for name in ("pass", "fail", "inconclusive", "excluded", "not-applicable"):
        assert f"</span> {name}</li>" in page
    assert "Human responsibility" in page or "Principles" in page
    assert "1 held response(s) wait for review" in page
    assert 'href="/provisions/5.1.4-3"' in page
    assert "No assessment recorded yet" in page


def test_provision_page_proves_cited_entries(console: Console) -> None:
    review_id = console.hold()
    with console.signed_in("reviewer") as http:
        token = console.csrf(http)
        http.post(
            f"/reviews/{review_id}/decide",
            data={"csrf": token, "action": "approve", "reason": "fine"},
        )
        page = http.get("/provisions/5.1.4-3").text
    assert "console.review_tooling" in page
    assert "1 of 1 held responses" in page
    assert "verified: included in the tree" in page
    assert "<td>console.review</td>" in page
    assert "(web.review)" in page  # its origin: measured by sai, the console's review control


def test_unknown_provision_and_entry(console: Console) -> None:
    with console.signed_in("auditor") as http:
        assert http.get("/provisions/9.9.9-9").status_code == 404
        assert http.get("/ledger/999999").status_code == 404
        assert http.get("/ledger/abc").status_code == 404
        assert http.get("/reviews/rev_nope").status_code == 404
        assert http.get("/ledger?provision=bad").status_code == 400


def test_ledger_pages_and_entry_view(console: Console) -> None:
    ledger = console.gateway.ledger
    ledger.append_many(
        [
            Evidence.create(
                "note.page", "paging", actor="t", origin=Origin.person("t"), data={"i": i}
            )
            for i in range(PAGE_SIZE + 5)
        ]
    )
    with console.signed_in("auditor") as http:
        first = http.get("/ledger", params={"kind": "note.page"}).text
        rows = re.findall(r'<tr><td><a href="/ledger/(\d+)">', first)
        assert len(rows) == PAGE_SIZE
        link = re.search(r'rel="next" href="(/ledger\?[^"]+)"', first)
        assert link is not None
        second = http.get(link.group(1).replace("&amp;", "&")).text
        rest = re.findall(r'<tr><td><a href="/ledger/(\d+)">', second)
        assert len(rest) == 5
        assert 'rel="next"' not in second
        assert not set(rows) & set(rest)
        entry = http.get(f"/ledger/{rows[0]}").text
    assert "verified: included in the tree" in entry
    assert "&#34;i&#34;: 54" in entry


def test_explanation_is_shown_and_recorded(console: Console) -> None:
    with console.signed_in("reviewer") as http:
        token = console.csrf(http)
        answer = http.post(
            "/explain", data={"csrf": token, "model": "clf", "inputs": "7, 1, -1", "baseline": ""}
        )
        listing = http.get("/explain").text
    assert answer.status_code == 200
    assert "Prediction: 1" in answer.text
    assert "the training mean recorded by the model" in answer.text
    [entry] = console.gateway.ledger.query(kind="console.explanation")
    payload = ConsoleExplanation.from_evidence(entry.evidence)
    assert payload.model == "clf"
    assert payload.prediction == "1"
    assert payload.model_digest.startswith("sha256:")
    total = sum(a.contribution_ppm for a in payload.attributions)
    assert abs(total - (payload.score_ppm - payload.baseline_score_ppm)) <= len(
        payload.attributions
    )
    assert payload.attributions[0].feature == "x0"  # the feature the label depends on most
    assert f'href="/ledger/{entry.index}"' in listing


@pytest.mark.parametrize(
    ("form", "status"),
    [
        ({"model": "nope", "inputs": "1,2,3"}, 404),
        ({"model": "clf", "inputs": "1,2"}, 400),
        ({"model": "clf", "inputs": "a,b,c"}, 400),
        ({"model": "clf", "inputs": ""}, 400),
        ({"model": "clf", "inputs": "1,2,3", "baseline": "0"}, 400),
    ],
)
def test_bad_explanation_requests(console: Console, form: dict[str, str], status: int) -> None:
    with console.signed_in("reviewer") as http:
        answer = http.post("/explain", data={"csrf": console.csrf(http), **form})
    assert answer.status_code == status
    assert console.gateway.ledger.query(kind="console.explanation") == []


def test_overview_lists_open_alerts_and_timeouts(console: Console) -> None:
    from datetime import UTC, datetime, timedelta

    from sai.gateway.review import ReviewQueue
    from sai.ledger.kinds import Kind, MonitoringAlert, MonitoringAlertUpdate
    from sai.web.decisions import sweep_overdue
    from sai.web.settings import ConsoleSettings

    ledger = console.gateway.ledger

    def alert(alert_id: str, summary: str) -> None:
        payload = MonitoringAlert(
            alert_id=alert_id,
            alert_kind="drift",
            subject="clf",
            severity="warning",
            summary=summary,
        )
        ledger.append(
            Evidence.create(
                Kind.MONITORING_ALERT,
                "clf",
                actor="monitor",
                origin=Origin.control("monitoring.run"),
                data=payload.to_data(),
            )
        )

    alert("a1", "income drifted")
    alert("a2", "debt ratio drifted")
    resolved = MonitoringAlertUpdate(alert_id="a2", status="resolved", reason="retrained")
    ledger.append(
        Evidence.create(
            Kind.MONITORING_ALERT_UPDATE,
            "clf",
            actor="Dana",
            origin=Origin.person("Dana"),
            data=resolved.to_data(),
        )
    )
    review_id = console.hold()
    settings = ConsoleSettings(review_deadline=timedelta(minutes=1))
    later = datetime.now(UTC) + timedelta(minutes=2)
    sweep_overdue(ReviewQueue(ledger.engine), ledger, settings, now=later)
    with console.signed_in("auditor") as http:
        page = http.get("/").text
    assert "Open alerts (2)" in page
    assert "income drifted" in page
    assert "debt ratio drifted" not in page
    assert f"{review_id} was not reviewed within 1 min; blocked" in page


def test_overview_without_alerts_has_no_alert_section(console: Console) -> None:
    with console.signed_in("auditor") as http:
        assert "Open alerts" not in http.get("/").text


def test_non_ascii_digit_entry_is_404(console: Console) -> None:
    with console.signed_in("auditor") as http:
        assert http.get("/ledger/²").status_code == 404
