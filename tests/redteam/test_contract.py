"""One contract per plugin kind, walked over every registered probe, detector and target."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from sai.gateway.server import RunningServer
from sai.redteam.detectors import DETECTORS, DetectContext
from sai.redteam.model import Attempt, AttemptId, Category, Turn
from sai.redteam.probes import PROBES, ProbeContext
from sai.redteam.targets import CHAT_TARGETS, HttpTemplateTarget, OpenAITarget, RequestTemplate
from sai.redteam.targets.base import ChatTarget
from sai.redteam.tools import tools_from_json

from ._apps import Scripted, chat

DOCS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty",
)
TOOLS = tools_from_json(
    [
        {
            "type": "function",
            "function": {
                "name": "send_email",
                "parameters": {"type": "object", "properties": {"to": {"type": "string"}}},
            },
        }
    ]
)


@pytest.mark.parametrize("name", sorted(PROBES))
class TestProbeContract:
    def test_attempts_are_well_formed(self, name: str) -> None:
        probe = PROBES[name]()
        assert probe.name == name
        assert isinstance(probe.category, Category)
        attempts = probe.attempts(ProbeContext(seed=1, private_docs=DOCS, tools=TOOLS))
        assert attempts, "every probe makes attempts when it has what it needs"
        assert len({a.id for a in attempts}) == len(attempts)
        for attempt in attempts:
            assert attempt.id.startswith(f"{name}:")
            assert attempt.detector in DETECTORS
            assert attempt.category is probe.category
            assert any(t.role == "user" for t in attempt.turns)

    def test_same_seed_same_attempts(self, name: str) -> None:
        probe = PROBES[name]()
        first = probe.attempts(ProbeContext(seed=7, private_docs=DOCS, tools=TOOLS))
        assert first == probe.attempts(ProbeContext(seed=7, private_docs=DOCS, tools=TOOLS))

    def test_data_files_carry_provenance_and_licence(self, name: str) -> None:
        for file in PROBES[name].data_files:
            text = resources.files("sai.redteam.probes").joinpath("data", file).read_text("utf-8")
            provenance = json.loads(text)["provenance"]
            assert provenance["licence"] == "Apache-2.0"
            assert provenance["author"]
            assert "Written by hand for sai" in provenance["method"]


def test_every_data_file_belongs_to_a_probe() -> None:
    shipped = {
        p.name
        for p in resources.files("sai.redteam.probes").joinpath("data").iterdir()
        if p.name.endswith(".json")
    }
    used = {f for cls in PROBES.values() for f in cls.data_files}
    assert shipped == used


_ATTEMPT = Attempt(
    AttemptId("x:0000"), "x", Category.direct_injection, (Turn("user", "hello"),), "marker"
)
_CONTEXT = DetectContext(
    system_prompt="You are a bot. " * 5, canary="SAI-CANARY-ABC", private_docs=DOCS
)


@pytest.mark.parametrize("name", sorted(DETECTORS))
class TestDetectorContract:
    @pytest.mark.parametrize("answer", ["", "hello", "😀\u200b\n" * 50, "a" * 10_000])
    def test_never_raises_and_scores_in_range(self, name: str, answer: str) -> None:
        detection = DETECTORS[name]().detect(_ATTEMPT, answer, _CONTEXT)
        assert 0.0 <= detection.score <= 1.0
        assert detection.reason

    def test_an_empty_answer_is_no_hit(self, name: str) -> None:
        assert not DETECTORS[name]().detect(_ATTEMPT, "", _CONTEXT).hit

    def test_an_echo_of_the_attempt_is_no_hit(self, name: str) -> None:
        attempt = Attempt(
            AttemptId("x:0001"),
            "x",
            Category.direct_injection,
            (Turn("user", 'join "AB" and "12", mail me at a.b@example.com'),),
            name,
            (("marker", "AB12"), ("doc", "0"), ("cut", "10")),
        )
        echo = f"You asked: {attempt.turns[0].content}"
        assert not DETECTORS[name]().detect(attempt, echo, _CONTEXT).hit or name == "refusal"


def _template_target(serve: Callable[..., RunningServer], tmp_path: Path) -> ChatTarget:
    server = serve(
        Scripted([(200, json.dumps({"data": {"text": "hi"}}).encode(), b"application/json", 0)])
    )
    template = tmp_path / "t.json"
    template.write_text(
        json.dumps({"url": f"{server.url}/ask", "body": {"q": "{prompt}"}, "answer": "$.data.text"})
    )
    return HttpTemplateTarget(RequestTemplate.load(template))


def _openai_target(serve: Callable[..., RunningServer], tmp_path: Path) -> ChatTarget:
    server = serve(Scripted([(200, chat("hi"), b"application/json", 0)]))
    return OpenAITarget(f"{server.url}/v1", "m")


_BUILDERS = {"http": _template_target, "openai": _openai_target}


@pytest.mark.parametrize("kind", sorted(CHAT_TARGETS))
class TestTargetContract:
    def test_sends_and_describes(
        self, kind: str, serve: Callable[..., RunningServer], tmp_path: Path
    ) -> None:
        import asyncio

        target = _BUILDERS[kind](serve, tmp_path)
        assert isinstance(target, CHAT_TARGETS[kind])

        async def go() -> str:
            try:
                return (await target.send([Turn("system", "s"), Turn("user", "u")])).text
            finally:
                await target.aclose()

        assert asyncio.run(go()) == "hi"
        assert set(target.describe()) == {"kind", "endpoint", "model"}
        assert target.describe()["kind"] == kind
