"""The common path's shortcuts give what the general code gives: the upstream's encoding
test, the model router's resolved routes kept per name, and the verdict of a plan that runs
no scanners in a direction (made once per direction, route and role)."""

from __future__ import annotations

import asyncio
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.gateway.config import GatewayConfig, GuardPolicy, ModelRoute
from sai.gateway.errors import HttpError
from sai.gateway.guarding import GuardOutcome, GuardRunner, skipped
from sai.gateway.models import _KNOWN, ModelRouter, Resolved
from sai.gateway.upstream import detect_encoding
from sai.guards import Action, Direction

#: Byte-order marks, NULs and braces, where the encoding test decides
_EDGES = st.sampled_from([b"{", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"a", b" "])


@settings(max_examples=400, deadline=None)
@given(st.lists(_EDGES, max_size=5).map(b"".join) | st.binary(max_size=8))
def test_detect_encoding_is_the_standard_librarys(raw: bytes) -> None:
    assert detect_encoding(raw) == json.detect_encoding(raw)
    assert detect_encoding(b"{" + raw) == json.detect_encoding(b"{" + raw)


class TestModelRouter:
    def test_unrouted_names_resolve_as_before_and_once(self) -> None:
        router = ModelRouter(GatewayConfig(upstream_model="pinned"))
        first = router.resolve("bot")
        assert first == Resolved(None, "pinned", None)
        assert router.resolve("bot") is first
        assert ModelRouter(GatewayConfig()).resolve("bot") == Resolved(None, "bot", None)

    def test_routed_names_resolve_as_before_and_unknown_ones_stay_404(self) -> None:
        route = ModelRoute("bot@2", "gpt-x", "http://other.test/v1")
        router = ModelRouter(GatewayConfig(models=(route,)))
        assert router.resolve("bot@2") == Resolved(route, "gpt-x", "http://other.test/v1")
        assert router.resolve("bot@2") is router.resolve("bot@2")
        for _ in range(2):  # a refused name is never kept
            with pytest.raises(HttpError) as refused:
                router.resolve("nope")
            assert refused.value.status == 404

    def test_the_names_kept_are_bounded(self) -> None:
        router = ModelRouter(GatewayConfig())
        for n in range(_KNOWN + 3):
            assert router.resolve(f"m{n}") == Resolved(None, f"m{n}", None)
        assert len(router._known) <= _KNOWN
        assert router.resolve("m0") == Resolved(None, "m0", None)


def test_a_direction_without_scanners_gives_the_skipped_verdict() -> None:
    runner = GuardRunner(GuardPolicy(input=("secrets",)), threads=1)
    try:

        async def check(direction: Direction, route: str, role: str) -> GuardOutcome:
            return await runner.check_request(["a", "b"], direction, role, route, None, None)

        for route, role in (("chat", "user"), ("", "admin"), ("chat", "user")):
            outcome = asyncio.run(check(Direction.output, route, role))
            why = (
                f"the guard policy of route {route or '-'} and role {role} runs no output scanners"
            )
            assert outcome == GuardOutcome(Action.allow, skipped(Direction.output, why), ("a", "b"))
            assert outcome.state == "skipped"
        scanned = asyncio.run(check(Direction.input, "chat", "user"))
        assert scanned.state == "allow"
    finally:
        runner.close()
