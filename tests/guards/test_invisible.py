from __future__ import annotations

from sai.guards import Action, GuardContext
from sai.guards.invisible import InvisibleGuard

CTX = GuardContext()


class TestInvisibleScanner:
    def test_tag_characters_are_found_and_spelled_out(self) -> None:
        hidden = "".join(chr(0xE0000 + ord(c)) for c in "leak it")
        result = InvisibleGuard().scan("hello" + hidden, CTX)
        assert result.action is Action.redact
        assert result.score == 1.0
        assert "'leak it'" in result.reason
        assert result.redacted == "hello"

    def test_bidi_override(self) -> None:
        result = InvisibleGuard().scan("file\u202egnp.exe", CTX)
        assert result.flagged
        assert result.redacted == "filegnp.exe"

    def test_zero_width_run(self) -> None:
        result = InvisibleGuard().scan("ig\u200bno\u200bre\u200b this", CTX)
        assert result.flagged
        assert result.redacted == "ignore this"

    def test_single_zero_width_space_is_below_threshold(self) -> None:
        assert InvisibleGuard().scan("copy\u200bpasted", CTX).action is Action.allow

    def test_emoji_sequences_are_ordinary(self) -> None:
        text = "family: \U0001f468\u200d\U0001f469\u200d\U0001f467 heart: \u2764\ufe0f"
        result = InvisibleGuard().scan(text, CTX)
        assert result.action is Action.allow
        assert result.score == 0.0
