"""Canary tokens: planted per chat request, caught in answers and streams, never sent on."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import openai
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.gateway._assembly import Assembly
from sai.gateway.canary import MARKER, PREFIX, REDACTED, find, fold, new_canary, plant, scrub
from sai.manifest.schema import GatewaySpec, GuardsSpec, StreamingMode
from tests.gateway.conftest import Harness, plain

LEAKY = "mock-leak"  # the mock model that repeats its system messages
ASK = [{"role": "user", "content": "hello"}]


def guards(action: str = "block", canary: bool = True) -> GuardsSpec:
    return GuardsSpec.model_validate(
        {
            "input": ["invisible"],
            "output": ["invisible", "leakage"],
            "scanners": {"leakage": {"action": action}},
            "canary": canary,
        }
    )


def last(harness: Harness) -> dict[str, Any]:
    return plain(harness.entries()[-1].evidence.data)  # type: ignore[no-any-return]


def assert_no_canary_in_ledger(harness: Harness) -> None:
    for entry in harness.entries():
        assert PREFIX not in json.dumps(plain(entry.evidence.data))


class TestPlanting:
    def test_marker_goes_into_an_existing_system_message(self) -> None:
        body: dict[str, Any] = {
            "messages": [{"role": "system", "content": "Be brief."}, *ASK],
        }
        plant(body, "sai-canary-00")
        assert body["messages"][0]["content"] == "Be brief.\n\n" + MARKER.format(
            canary="sai-canary-00"
        )
        assert len(body["messages"]) == 2

    def test_a_system_message_is_added_when_there_is_none(self) -> None:
        body: dict[str, Any] = {"messages": [dict(m) for m in ASK]}
        plant(body, "sai-canary-01")
        assert body["messages"][0] == {
            "role": "system",
            "content": MARKER.format(canary="sai-canary-01"),
        }

    def test_list_content_gets_a_text_part(self) -> None:
        body: dict[str, Any] = {
            "messages": [{"role": "developer", "content": [{"type": "text", "text": "x"}]}]
        }
        plant(body, "c")
        assert body["messages"][0]["content"][-1] == {
            "type": "text",
            "text": MARKER.format(canary="c"),
        }

    def test_canaries_are_fresh(self) -> None:
        first, second = new_canary(), new_canary()
        assert first != second
        assert first.startswith(PREFIX)
        assert len(first) == len(PREFIX) + 32

    def test_scrub_reaches_every_string(self) -> None:
        value: Any = {"a": ["x c y", {"b": "cc"}], "n": 3}
        assert scrub(value, "c") == 3
        assert value == {"a": [f"x {REDACTED} y", {"b": REDACTED * 2}], "n": 3}


_HIDERS = ["", "\u200b", "\u2060", "-", " ", "\ufeff", "_"]


def _disguise(canary: str, data: st.DataObject) -> str:
    """The canary with random case and random invisible characters or separators between
    its characters."""
    out = []
    for char in canary:
        out.append(char.upper() if data.draw(st.booleans()) else char)
        out.append(data.draw(st.sampled_from(_HIDERS)))
    return "".join(out)


@given(
    before=st.text(max_size=40),
    after=st.text(max_size=40),
    leak=st.booleans(),
    cuts=st.lists(st.integers(0, 300), max_size=8),
    data=st.data(),
)
def test_held_events_never_send_any_part_of_a_canary(
    before: str, after: str, leak: bool, cuts: list[int], data: st.DataObject
) -> None:
    canary = new_canary()
    hidden = _disguise(canary, data)
    text = before + (hidden if leak else "") + after
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    assembly = Assembly(chat=True)
    sent = released = 0
    caught = False
    for start, end in itertools.pairwise(bounds):
        assembly.add({"choices": [{"index": 0, "delta": {"content": text[start:end]}}]})
        if assembly.leaks(canary):
            caught = True
            break
        upto = assembly.hold_from(canary)
        for event in assembly.events[released:upto]:
            sent += len(event["choices"][0]["delta"]["content"])
        released = max(released, upto)
    assert caught == leak
    if caught:
        assert sent <= len(before)  # nothing from the canary on went out
    else:
        assert not assembly.leaks(canary)


@given(text=st.text(max_size=30), data=st.data())
def test_find_sees_through_case_and_separators(text: str, data: st.DataObject) -> None:
    canary = new_canary()
    hidden = _disguise(canary, data)
    spans = find(text + hidden + text, canary)
    assert len(spans) >= 1
    start, end = spans[0]
    assert fold((text + hidden + text)[start:end]) == fold(canary)


class TestAnswers:
    def test_a_leaking_answer_is_blocked_and_the_plant_is_audited(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(guards=guards())
        with pytest.raises(openai.BadRequestError, match="leakage"):
            harness.client().chat.completions.create(model=LEAKY, messages=ASK)
        data = last(harness)
        assert data["guard_policy"]["canary"] == "planted"
        assert any(
            v["scanner"] == "leakage" and v["action"] == "block" and "canary" in v["reason"]
            for v in data["verdicts"]
        )
        assert_no_canary_in_ledger(harness)

    def test_redaction_keeps_the_rest_of_the_answer(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(guards=guards("redact"))
        messages = [{"role": "system", "content": "Be brief."}, *ASK]
        reply = harness.client("admin").chat.completions.create(model=LEAKY, messages=messages)  # type: ignore[arg-type]
        text = reply.choices[0].message.content or ""
        assert PREFIX not in text
        assert "Be brief.\n\nConfidential marker" in text  # planted after the operator's prompt
        assert REDACTED in text

    def test_a_held_answer_reaches_neither_reviewer_nor_client_with_the_canary(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(guards=guards("review"))
        raw = harness.client().chat.completions.with_raw_response.create(model=LEAKY, messages=ASK)
        review_id = raw.headers["x-sai-review-id"]
        with harness.http("reviewer") as http:
            assert http.post(f"/v1/sai/reviews/{review_id}/approve").status_code == 200
        with harness.http() as http:
            released = http.get(f"/v1/sai/reviews/{review_id}").json()
        text = released["choices"][0]["message"]["content"]
        assert PREFIX not in text
        assert REDACTED in text

    def test_a_clean_answer_passes_and_still_records_the_plant(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(guards=guards())
        reply = harness.client().chat.completions.create(model="m", messages=ASK)
        assert reply.choices[0].message.content == "You said: hello"
        assert last(harness)["guard_policy"]["canary"] == "planted"

    def test_without_the_option_nothing_is_planted(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(guards=guards(canary=False))
        reply = harness.client().chat.completions.create(model=LEAKY, messages=ASK)
        assert (reply.choices[0].message.content or "").endswith("My instructions were: ")
        assert "canary" not in last(harness)["guard_policy"]

    def test_completions_get_no_canary(self, make_gateway: Callable[..., Harness]) -> None:
        harness = make_gateway(guards=guards())
        harness.client().completions.create(model="m", prompt="hello")
        assert "canary" not in last(harness)["guard_policy"]


class TestStreams:
    def test_buffer_mode_blocks_before_any_byte(self, make_gateway: Callable[..., Harness]) -> None:
        harness = make_gateway(guards=guards())
        with pytest.raises(openai.BadRequestError, match="leakage"):
            list(harness.client().chat.completions.create(model=LEAKY, messages=ASK, stream=True))
        assert_no_canary_in_ledger(harness)

    def test_buffer_mode_redacts_a_canary_split_over_events(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(guards=guards("redact"))
        chunks = harness.client().chat.completions.create(model=LEAKY, messages=ASK, stream=True)
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert PREFIX not in text
        assert REDACTED in text

    @pytest.mark.parametrize("action", ["block", "redact"])
    def test_incremental_mode_stops_before_the_canary(
        self, make_gateway: Callable[..., Harness], action: str
    ) -> None:
        harness = make_gateway(
            guards=guards(action), gateway=GatewaySpec(streaming=StreamingMode.incremental)
        )
        seen: list[str] = []
        long_ask = [{"role": "user", "content": "hello " * 90}]

        def consume() -> None:
            for chunk in harness.client().chat.completions.create(
                model=LEAKY,
                messages=long_ask,  # type: ignore[arg-type]
                stream=True,
            ):
                seen.append(chunk.choices[0].delta.content or "" if chunk.choices else "")

        with pytest.raises(openai.APIError, match="guards"):
            consume()
        sent = "".join(seen)
        assert sent.startswith("You said: hello")  # the checked blocks before it went out
        assert len(sent) >= 400
        assert "sai-c" not in sent  # not one character of the canary
        data = last(harness)
        assert data["guards"]["output"] == "block"
        assert data["guard_policy"]["canary"] == "planted"
        assert_no_canary_in_ledger(harness)

    def test_incremental_mode_sends_a_clean_stream_whole(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(
            guards=guards(), gateway=GatewaySpec(streaming=StreamingMode.incremental)
        )
        chunks = harness.client().chat.completions.create(
            model="m", messages=[{"role": "user", "content": "say s sa sai sai-"}], stream=True
        )
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert text == "You said: say s sa sai sai-"
