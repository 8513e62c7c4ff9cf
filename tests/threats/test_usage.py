"""Unused tool permissions, read from the tool calls the gateway logged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sai.ledger import Ledger, Origin
from sai.manifest import load_manifest
from sai.manifest.threats_spec import ToolSpec
from sai.threats.privilege import review_tools, unused_permissions
from sai.threats.usage import WINDOW, observe_tool_calls
from tests.threats._systems import RAG_AGENT, write_project
from tests.threats._traffic import answer

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def _tool(**extra: object) -> ToolSpec:
    return ToolSpec.model_validate(
        {
            "name": "mail-box",
            "kind": "email",
            "permissions": ["mail:send:support", "mail:read:inbox", "mail:delete:inbox"],
            **extra,
        }
    )


class TestUnusedPermissions:
    def test_a_tool_never_called_uses_none(self) -> None:
        assert unused_permissions(_tool(), frozenset({"other"})) == (
            "mail:send:support",
            "mail:read:inbox",
            "mail:delete:inbox",
        )

    def test_a_call_naming_the_tool_uses_all_its_permissions(self) -> None:
        assert unused_permissions(_tool(), frozenset({"mail_box"})) == ()
        assert unused_permissions(_tool(), frozenset({"mail-box"})) == ()

    def test_functions_say_which_permission_each_call_needs(self) -> None:
        tool = _tool(
            functions={
                "send_reply": ["mail:send:support"],
                "read_mail": ["mail:read:inbox"],
                "purge": ["mail:delete:inbox"],
            }
        )
        called = frozenset({"send_reply", "read_mail", "mail-box"})
        # the tool's own name is no function of it once functions are listed
        assert unused_permissions(tool, called) == ("mail:delete:inbox",)

    def test_a_permission_no_function_needs_is_unused(self) -> None:
        tool = _tool(functions={"send_reply": ["mail:send:support"]})
        assert unused_permissions(tool, frozenset({"send_reply"})) == (
            "mail:read:inbox",
            "mail:delete:inbox",
        )


class TestObserveToolCalls:
    def test_no_traffic_says_nothing(self, ledger: Ledger) -> None:
        assert observe_tool_calls(ledger, NOW) is None
        answer(ledger, NOW - timedelta(hours=1), answered=False)  # the upstream never answered
        assert observe_tool_calls(ledger, NOW) is None

    def test_calls_in_the_window_and_the_window_read(self, ledger: Ledger) -> None:
        answer(ledger, NOW - WINDOW - timedelta(hours=1), ("purge",))  # before the window
        first = answer(ledger, NOW - timedelta(days=3), ("crm_lookup",))
        answer(ledger, NOW - timedelta(days=2))
        last = answer(ledger, NOW - timedelta(days=1), ("crm_lookup", "send_reply"))
        usage = observe_tool_calls(ledger, NOW)
        assert usage is not None
        assert usage.called == {"crm_lookup", "send_reply"}
        assert (usage.answers, usage.with_calls) == (3, 2)
        assert (usage.since, usage.until) == (NOW - WINDOW, NOW)
        assert usage.entries == (first, last)
        assert usage.to_data()["answers_with_calls"] == 2

    def test_a_person_cannot_claim_a_call(self, ledger: Ledger) -> None:
        answer(ledger, NOW - timedelta(days=1))
        answer(ledger, NOW - timedelta(hours=1), ("purge",), origin=Origin.person("mallory"))
        usage = observe_tool_calls(ledger, NOW)
        assert usage is not None
        assert (usage.called, usage.answers) == (frozenset(), 1)

    def test_a_capped_sample_shortens_the_window(self, ledger: Ledger) -> None:
        times = [NOW - timedelta(days=d) for d in (5, 4, 3)]
        for at in times:
            answer(ledger, at, ("read_mail",))
        usage = observe_tool_calls(ledger, NOW, sample=2)
        assert usage is not None
        assert usage.since == times[1]
        assert usage.answers == 2


def test_review_lists_unused_permissions_with_the_window(
    workspace_dir: Path, ledger: Ledger
) -> None:
    loaded = load_manifest(write_project(workspace_dir, RAG_AGENT))
    assert [t.unused for t in review_tools(loaded.manifest)] == [None, None]
    answer(ledger, NOW - timedelta(days=1), ("crm_lookup",))
    usage = observe_tool_calls(ledger, NOW)
    reviews = review_tools(loaded.manifest, usage)
    assert [(t.name, t.unused) for t in reviews] == [
        ("send-email", ("mail:send:*",)),
        ("crm-lookup", ()),
    ]
    part = reviews[0].to_part()
    assert part.observed is not None
    assert part.observed["answers"] == 1
