"""Targets against endpoints that misbehave: HTML, 500, 429 storms, timeouts, bad templates."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.gateway.server import RunningServer
from sai.redteam.errors import Refused, TargetError
from sai.redteam.findings import summarise
from sai.redteam.model import Turn
from sai.redteam.session import RunRequest, start_run
from sai.redteam.targets import OpenAITarget, RequestTemplate, chat_target
from sai.redteam.targets import _http as http_module
from sai.redteam.targets.http import HttpTemplateTarget, parse_json_path

from ._apps import Scripted, chat

JSON = b"application/json"


def _send(target: OpenAITarget | HttpTemplateTarget) -> str:
    async def go() -> str:
        try:
            return (await target.send([Turn("user", "hello")])).text
        finally:
            await target.aclose()

    return asyncio.run(go())


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http_module, "BACKOFF", 0.01)
    monkeypatch.setattr(http_module, "MAX_WAIT", 0.05)


class TestOpenAITarget:
    def test_html_answer_is_a_clear_error(self, serve: Callable[..., RunningServer]) -> None:
        server = serve(Scripted([(200, b"<html>login</html>", b"text/html", 0)]))
        with pytest.raises(TargetError, match="text/html, not JSON"):
            _send(OpenAITarget(f"{server.url}/v1", "m"))

    def test_500_is_a_clear_error(self, serve: Callable[..., RunningServer]) -> None:
        server = serve(Scripted([(500, b'{"error": "boom"}', JSON, 0)]))
        with pytest.raises(TargetError, match="HTTP 500"):
            _send(OpenAITarget(f"{server.url}/v1", "m"))

    def test_429_is_retried_until_it_answers(self, serve: Callable[..., RunningServer]) -> None:
        app = Scripted([(429, b"{}", JSON, 0)] * 3 + [(200, chat("fine"), JSON, 0)])
        server = serve(app)
        assert _send(OpenAITarget(f"{server.url}/v1", "m")) == "fine"
        assert app.calls == 4

    def test_a_429_storm_gives_up(self, serve: Callable[..., RunningServer]) -> None:
        app = Scripted([(429, b"{}", JSON, 0)])
        server = serve(app)
        with pytest.raises(TargetError, match="kept answering 429"):
            _send(OpenAITarget(f"{server.url}/v1", "m"))
        assert app.calls == http_module.MAX_RETRIES + 1

    def test_timeout_is_a_clear_error(self, serve: Callable[..., RunningServer]) -> None:
        server = serve(Scripted([(200, chat("late"), JSON, 1.0)]))
        with pytest.raises(TargetError, match="did not answer in time"):
            _send(OpenAITarget(f"{server.url}/v1", "m", timeout=0.2))

    def test_a_content_filter_is_a_refusal(self, serve: Callable[..., RunningServer]) -> None:
        body = json.dumps({"error": {"type": "content_filter", "message": "blocked"}}).encode()
        server = serve(Scripted([(400, body, JSON, 0)]))
        with pytest.raises(Refused):
            _send(OpenAITarget(f"{server.url}/v1", "m"))

    def test_the_key_is_sent_as_bearer(
        self, serve: Callable[..., RunningServer], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        app = Scripted([(200, chat("ok"), JSON, 0)])
        server = serve(app)
        monkeypatch.setenv("MY_KEY", "k-123")
        target = chat_target(f"openai:{server.url}/v1", model="m", api_key_env="MY_KEY")
        assert _send(target) == "ok"  # type: ignore[arg-type]
        assert app.headers[0]["authorization"] == "Bearer k-123"
        assert app.bodies[0]["messages"][-1] == {"role": "user", "content": "hello"}

    def test_a_missing_key_variable_is_refused(self) -> None:
        with pytest.raises(TargetError, match="NOPE_NOT_SET"):
            chat_target("openai:http://127.0.0.1:9/v1", model="m", api_key_env="NOPE_NOT_SET")


class TestPartialResultsAreKept:
    def test_errors_are_recorded_and_the_rest_judged(
        self, serve: Callable[..., RunningServer], tmp_path: Path
    ) -> None:
        app = Scripted(
            [(200, chat("fine"), JSON, 0), (500, b"{}", JSON, 0), (200, chat("ok"), JSON, 0)]
        )
        server = serve(app)
        request = RunRequest(
            target=f"openai:{server.url}/v1",
            model="m",
            out=tmp_path / "r",
            probes="canary",
            parallel=1,
        )
        summary = summarise(start_run(request))
        assert summary.errors == 1
        assert summary.judged == summary.planned - 1
        assert summary.complete


class TestTemplate:
    def _write(self, tmp_path: Path, text: str) -> Path:
        path = tmp_path / "template.json"
        path.write_text(text)
        return path

    def test_malformed_json_names_file_line_and_column(self, tmp_path: Path) -> None:
        path = self._write(tmp_path, '{\n  "url": "http://x",\n  "body": {"q": "{prompt}"\n}')
        with pytest.raises(TargetError, match=r"template\.json:4:\d+"):
            RequestTemplate.load(path)

    def test_no_prompt_placeholder(self, tmp_path: Path) -> None:
        path = self._write(tmp_path, '{"url": "http://x", "body": {"q": "hi"}, "answer": "$.a"}')
        with pytest.raises(TargetError, match="no \\{prompt\\} placeholder"):
            RequestTemplate.load(path)

    def test_bad_answer_path(self, tmp_path: Path) -> None:
        path = self._write(tmp_path, '{"url": "http://x", "body": "{prompt}", "answer": "$.a..b"}')
        with pytest.raises(TargetError, match="malformed at character"):
            RequestTemplate.load(path)

    def test_fills_the_body_headers_and_reads_the_answer(
        self, serve: Callable[..., RunningServer], tmp_path: Path
    ) -> None:
        app = Scripted([(200, json.dumps({"out": [{"text": "yes"}]}).encode(), JSON, 0)])
        server = serve(app)
        template = RequestTemplate.from_json(
            {
                "url": f"{server.url}/ask",
                "headers": {"x-key": "${TEMPLATE_KEY}"},
                "body": {"q": "{prompt}", "ctx": ["{system}"]},
                "answer": "$.out[0].text",
            },
            "inline",
        )
        target = HttpTemplateTarget(template, env={"TEMPLATE_KEY": "s3"})

        async def go() -> str:
            try:
                reply = await target.send([Turn("system", "be nice"), Turn("user", 'say "hi"')])
                return reply.text
            finally:
                await target.aclose()

        assert asyncio.run(go()) == "yes"
        assert app.bodies[0] == {"q": 'say "hi"', "ctx": ["be nice"]}
        assert app.headers[0]["x-key"] == "s3"

    def test_a_missing_answer_path_is_named(self, serve: Callable[..., RunningServer]) -> None:
        server = serve(Scripted([(200, b'{"other": 1}', JSON, 0)]))
        template = RequestTemplate.from_json(
            {"url": f"{server.url}/", "body": "{prompt}", "answer": "$.data.text"}, "inline"
        )
        with pytest.raises(TargetError, match=r"nothing at \$\.data\.text \(no 'data'\)"):
            _send(HttpTemplateTarget(template, env={}))

    @given(st.text(max_size=40))
    def test_json_paths_parse_or_fail_cleanly(self, path: str) -> None:
        try:
            steps = parse_json_path(path)
        except TargetError:
            return
        assert all(isinstance(s, str | int) for s in steps)

    @given(
        st.recursive(
            st.none() | st.booleans() | st.text(max_size=5),
            lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
            max_leaves=8,
        )
    )
    def test_any_json_template_loads_or_fails_cleanly(self, value: object) -> None:
        with contextlib.suppress(TargetError):
            RequestTemplate.from_json(value, "fuzz")
