"""The gateway checks: access control, rate limits, human review, audit log, versioned models."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sai.assessment.checks import CheckContext
from sai.assessment.checks.gateway import (
    GatewayAccessControl,
    GatewayAuditLog,
    GatewayHumanOversight,
    GatewayRateLimits,
    GatewayVersionedModels,
)
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import load_catalog
from sai.gateway import CallRecord, create_key
from sai.gateway.audit import Auditor
from sai.gateway.review import ReviewQueue
from sai.ledger import Ledger, Origin
from sai.ledger.kinds import Kind
from sai.manifest import load_manifest
from tests.assessment.conftest import MANIFEST, write_project

NOW = datetime.now(UTC)
GATEWAY = """\
gateway:
  policies:
    review_on: [pii]
  models:
    - {name: bot@2, upstream_model: v2}
    - {name: bot@3-preview, upstream_model: v3, preview: true}
"""


def _run(check: object, provision: str, ledger: Ledger, root: Path, extra: str = "") -> CheckResult:
    loaded = load_manifest(write_project(root, MANIFEST + extra))
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=NOW)
    return check.run(load_catalog().get(provision), ctx)  # type: ignore[attr-defined]


def _requests(ledger: Ledger, *records: CallRecord) -> None:
    auditor = Auditor(ledger, actor="t", store_text=False)
    ledger.append_many([auditor.evidence(r) for r in records])
    auditor.close()


def _ok(key: str | None = "k1", status: int = 200) -> CallRecord:
    return CallRecord("r", "POST", "/v1/chat/completions", route="chat", key_id=key, status=status)


class TestAccessControl:
    def test_no_keys_no_traffic(self, ledger: Ledger, workspace_dir: Path) -> None:
        assert _run(GatewayAccessControl(), "5.2.2-1", ledger, workspace_dir).verdict is (
            Verdict.INCONCLUSIVE
        )

    def test_keyed_traffic_passes_and_open_traffic_fails(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        create_key(ledger, "a", "user", roles=("user",))
        _requests(ledger, _ok(), _ok(None, 401))
        result = _run(GatewayAccessControl(), "5.2.2-1", ledger, workspace_dir)
        assert result.verdict is Verdict.PASS
        assert "1 unauthenticated" in result.reason
        _requests(ledger, _ok(None, 200))
        assert _run(GatewayAccessControl(), "5.2.2-1", ledger, workspace_dir).verdict is (
            Verdict.FAIL
        )


class TestRateLimits:
    def test_unlimited_role_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        extra = "gateway:\n  policies:\n    requests_per_minute: null\n"
        result = _run(GatewayRateLimits(), "5.2.2-2", ledger, workspace_dir, extra)
        assert result.verdict is Verdict.FAIL
        assert "admin" in result.reason

    def test_limited_with_traffic_passes(self, ledger: Ledger, workspace_dir: Path) -> None:
        assert _run(GatewayRateLimits(), "5.2.2-2", ledger, workspace_dir).verdict is (
            Verdict.INCONCLUSIVE
        )
        _requests(ledger, _ok(), _ok(status=429))
        result = _run(GatewayRateLimits(), "5.2.2-2", ledger, workspace_dir)
        assert result.verdict is Verdict.PASS
        assert "1 requests were refused" in result.reason


class TestHumanOversight:
    def test_unconfigured_then_unused_then_used(self, ledger: Ledger, workspace_dir: Path) -> None:
        check = GatewayHumanOversight()
        assert "review_on" in _run(check, "5.1.4-1", ledger, workspace_dir).reason
        result = _run(check, "5.1.4-1", ledger, workspace_dir, GATEWAY)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "no person's review decision" in result.reason
        queue = ReviewQueue(ledger.engine)

        def held() -> str:
            return queue.hold(
                request_id="r",
                key_id="k",
                role="user",
                route="chat",
                model="m",
                reasons=["pii"],
                response={},
            )

        # a deadline timeout applied by the console is not a person overseeing
        queue.decide(ledger, held(), approve=False, by="sai-console", now=NOW - timedelta(days=1))
        assert _run(check, "5.1.4-1", ledger, workspace_dir, GATEWAY).verdict is (
            Verdict.INCONCLUSIVE
        )
        queue.decide(ledger, held(), approve=True, by="Rita", now=NOW - timedelta(days=1))
        assert _run(check, "5.1.4-1", ledger, workspace_dir, GATEWAY).verdict is Verdict.PASS


class TestAuditLog:
    def test_complete_entries_pass(self, ledger: Ledger, workspace_dir: Path) -> None:
        assert _run(GatewayAuditLog(), "5.4.2-1", ledger, workspace_dir).verdict is (
            Verdict.INCONCLUSIVE
        )
        _requests(ledger, _ok(), _ok(None, 401))
        assert _run(GatewayAuditLog(), "5.4.2-1", ledger, workspace_dir).verdict is Verdict.PASS

    def test_incomplete_entry_fails(self, ledger: Ledger, workspace_dir: Path) -> None:
        from sai.ledger import Evidence

        ledger.append(
            Evidence.create(
                "gateway.request",
                "chat",
                actor="x",
                origin=Origin.control("test"),
                data={"status": 200},
            )
        )
        result = _run(GatewayAuditLog(), "5.4.2-1", ledger, workspace_dir)
        assert result.verdict is Verdict.FAIL
        assert "lack required fields" in result.reason


class TestVersionedModels:
    def test_needs_routes_with_a_preview(self, ledger: Ledger, workspace_dir: Path) -> None:
        check = GatewayVersionedModels()
        assert _run(check, "5.4.1-3", ledger, workspace_dir).verdict is Verdict.INCONCLUSIVE
        pinned = "gateway:\n  models:\n    - {name: bot@2, upstream_model: v2}\n"
        assert "no preview" in _run(check, "5.4.1-3", ledger, workspace_dir, pinned).reason
        declared = _run(check, "5.4.1-3", ledger, workspace_dir, GATEWAY)
        assert declared.verdict is Verdict.INCONCLUSIVE
        assert "declared" in declared.reason
        assert "not observed" in declared.reason
        other = _ok()
        other.model = "bot"
        _requests(ledger, other)
        assert _run(check, "5.4.1-3", ledger, workspace_dir, GATEWAY).verdict is (
            Verdict.INCONCLUSIVE
        )
        pinned_call = _ok()
        pinned_call.model = "bot@2"
        _requests(ledger, pinned_call)
        result = _run(check, "5.4.1-3", ledger, workspace_dir, GATEWAY)
        assert result.verdict is Verdict.PASS
        assert "bot@3-preview" in result.reason
        assert "1 recent requests" in result.reason


class TestEveryRequestCounts:
    """The checks count every request of the 30 days (through roll-ups), not the newest few."""

    def test_an_old_unkeyed_answer_under_many_keyed_ones_fails(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        from sai.ledger.rollup_log import roll_up

        create_key(ledger, "a", "user", roles=("user",))
        _requests(ledger, _ok(None, 200))
        for _ in range(3):
            _requests(ledger, *(_ok() for _ in range(1_000)))
            roll_up(ledger, actor="t")
        _requests(ledger, _ok())
        result = _run(GatewayAccessControl(), "5.2.2-1", ledger, workspace_dir)
        assert result.verdict is Verdict.FAIL
        assert "1 gateway requests were answered without an API key (e.g. entry 1)" in (
            result.reason
        )
        rollups = [e.index for e in ledger.query(kind=Kind.GATEWAY_ROLLUP)]
        assert rollups[-1] in result.evidence  # the roll-up the verdict rests on is cited
        assert 1 in result.evidence
        audit = _run(GatewayAuditLog(), "5.4.2-1", ledger, workspace_dir)
        assert audit.verdict is Verdict.PASS
        assert audit.reason.startswith("3002 gateway requests in the last 30 days")

    def test_rolled_up_requests_older_than_30_days_are_no_traffic(
        self, ledger: Ledger, workspace_dir: Path
    ) -> None:
        from sai.ledger import Evidence
        from sai.ledger.rollup_log import roll_up

        create_key(ledger, "a", "user", roles=("user",))
        auditor = Auditor(ledger, actor="t", store_text=False)
        old = NOW - timedelta(days=31)
        made = auditor.evidence(_ok())
        ledger.append(
            Evidence.create(
                made.kind,
                made.subject,
                provisions=made.provisions,
                actor=made.actor,
                origin=made.origin,
                data=dict(made.data),
                time=old,
            )
        )
        auditor.close()
        roll_up(ledger, actor="t")
        for check, provision in (
            (GatewayAccessControl(), "5.2.2-1"),
            (GatewayAuditLog(), "5.4.2-1"),
            (GatewayRateLimits(), "5.2.2-2"),
        ):
            result = _run(check, provision, ledger, workspace_dir)
            assert result.verdict is Verdict.INCONCLUSIVE, result
            assert "no gateway.request entries in the last 30 days" in result.reason


class TestCountedEntryByEntry:
    """The reasons say when the window was counted entry by entry instead of from roll-ups."""

    def test_without_roll_ups(self, ledger: Ledger, workspace_dir: Path) -> None:
        create_key(ledger, "a", "user", roles=("user",))
        _requests(ledger, _ok(), _ok())
        result = _run(GatewayAuditLog(), "5.4.2-1", ledger, workspace_dir)
        assert result.verdict is Verdict.PASS
        assert result.reason.endswith("(counted entry by entry: no gateway roll-up)")

    def test_with_an_impossible_roll_up(self, ledger: Ledger, workspace_dir: Path) -> None:
        from sai.ledger import Evidence
        from sai.ledger.entry import format_time

        create_key(ledger, "a", "user", roles=("user",))
        _requests(ledger, _ok(None, 200))
        size = ledger.size()
        impossible = Evidence.create(  # its end lies beyond its own index
            Kind.GATEWAY_ROLLUP,
            "gateway",
            actor="sai-gateway",
            origin=Origin.control("gateway.rollup"),
            data={
                "end": size + 5,
                "counts": {"requests": 1, "keyed": 1},
                "recent": {},
                "through": format_time(NOW),
            },
            time=NOW,
        )
        index = ledger.append(impossible).index
        result = _run(GatewayAccessControl(), "5.2.2-1", ledger, workspace_dir)
        assert result.verdict is Verdict.FAIL  # counted from the entries, not the roll-up
        assert f"(counted entry by entry: roll-up #{index} unreadable)" in result.reason
        rates = _run(GatewayRateLimits(), "5.2.2-2", ledger, workspace_dir)
        assert rates.reason.endswith(f"(counted entry by entry: roll-up #{index} unreadable)")

    def test_through_roll_ups_says_nothing(self, ledger: Ledger, workspace_dir: Path) -> None:
        from sai.ledger.rollup_log import roll_up

        create_key(ledger, "a", "user", roles=("user",))
        _requests(ledger, _ok())
        roll_up(ledger, actor="t")
        result = _run(GatewayAuditLog(), "5.4.2-1", ledger, workspace_dir)
        assert result.verdict is Verdict.PASS
        assert "entry by entry" not in result.reason


def test_a_forged_roll_up_the_window_does_not_read_still_fails(
    ledger: Ledger, workspace_dir: Path
) -> None:
    from sai.ledger import Evidence
    from sai.ledger.rollup_log import ORIGIN, verify_rollups
    from sai.ledger.rollups import Tally

    create_key(ledger, "a", "user", roles=("user",))
    _requests(ledger, _ok(), _ok())
    rolled = Tally()
    rolled.add_all(ledger.query(kind=Kind.GATEWAY_REQUEST))
    counts = dict(rolled.payload(ledger.size()).to_data())
    counts["counts"] = {**rolled.counts, "requests": 5}
    forged = ledger.append(
        Evidence.create(
            Kind.GATEWAY_ROLLUP, "gateway", actor="t", origin=ORIGIN, data=counts, time=NOW
        )
    ).index
    _requests(ledger, _ok())
    rolled = Tally()
    rolled.add_all(ledger.query(kind=Kind.GATEWAY_REQUEST))
    true = rolled.payload(ledger.size()).to_data()
    ledger.append(
        Evidence.create(
            Kind.GATEWAY_ROLLUP, "gateway", actor="t", origin=ORIGIN, data=true, time=NOW
        )
    )
    loaded = load_manifest(write_project(workspace_dir))
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    recomputed = verify_rollups(ledger)
    assert [index for index, _ in recomputed.faults] == [forged]
    ctx = CheckContext(
        ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=NOW, rollups=recomputed
    )
    result = GatewayAuditLog().run(load_catalog().get("5.4.2-1"), ctx)
    assert result.verdict is Verdict.FAIL
    assert f"gateway.rollup #{forged} disagrees" in result.reason
    assert "requests 5 (recomputed 2)" in result.reason
    assert "the 30-day window does not read it; 1 of 2 roll-ups disagree" in result.reason
    unchecked = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=NOW)
    assert GatewayAuditLog().run(load_catalog().get("5.4.2-1"), unchecked).verdict is Verdict.PASS


def test_a_roll_up_written_after_the_recount_is_not_read(
    ledger: Ledger, workspace_dir: Path
) -> None:
    from sai.ledger import Evidence
    from sai.ledger.rollup_log import ORIGIN, roll_up, verify_rollups
    from sai.ledger.rollups import Tally

    create_key(ledger, "a", "user", roles=("user",))
    _requests(ledger, _ok())
    roll_up(ledger, actor="t")
    loaded = load_manifest(write_project(workspace_dir))
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    recomputed = verify_rollups(ledger)
    assert recomputed.ok
    assert recomputed.checked == 1
    _requests(ledger, _ok(None, 200))  # after the recount: an answer without a key
    every = Tally()
    every.add_all(ledger.query(kind=Kind.GATEWAY_REQUEST))
    claimed = every.payload(ledger.size()).to_data()
    claimed["counts"] = {**every.counts, "answered_without_key": 0, "keyed": 2}
    late = ledger.append(
        Evidence.create(
            Kind.GATEWAY_ROLLUP, "gateway", actor="t", origin=ORIGIN, data=claimed, time=NOW
        )
    ).index
    ctx = CheckContext(
        ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=NOW, rollups=recomputed
    )
    result = GatewayAccessControl().run(load_catalog().get("5.2.2-1"), ctx)
    assert result.verdict is Verdict.FAIL
    assert "1 gateway requests were answered without an API key" in result.reason
    assert late not in result.evidence
