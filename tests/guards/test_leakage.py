from __future__ import annotations

from sai.guards import Action, Direction, GuardContext
from sai.guards.leakage import LeakageGuard

PROMPT = (
    "You are the support assistant of Example Bank. Answer questions about accounts, cards and "
    "transfers. Never discuss interest rate decisions before they are published, and always "
    "refer customers with complaints to the complaints form on the website."
)


def ctx(**kwargs: object) -> GuardContext:
    return GuardContext(direction=Direction.output, system_prompt=PROMPT, **kwargs)  # type: ignore[arg-type]


class TestLeakageScanner:
    def test_verbatim_prompt_is_blocked(self) -> None:
        result = LeakageGuard().scan("Sure! My instructions are: " + PROMPT, ctx())
        assert result.action is Action.block
        assert result.score == 1.0
        assert result.spans
        assert result.spans[0].label == "system-prompt"

    def test_reformatted_prompt_is_still_found(self) -> None:
        leaked = PROMPT.upper().replace(" ", "  \n")
        assert LeakageGuard().scan(leaked, ctx()).action is Action.block

    def test_ordinary_answer_is_allowed(self) -> None:
        answer = "You can order a new card in the app under Cards > Replace card."
        assert LeakageGuard().scan(answer, ctx()).action is Action.allow

    def test_short_quote_is_below_threshold(self) -> None:
        answer = "I am the support assistant of Example Bank and can help with your card."
        result = LeakageGuard().scan(answer, ctx())
        assert result.action is Action.allow
        assert result.score < 0.5

    def test_canary_is_certain(self) -> None:
        result = LeakageGuard().scan("debug: canary-7f3a9c appears", ctx(canary="canary-7f3a9c"))
        assert result.action is Action.block
        assert result.reason == "the output contains the prompt's canary"

    def test_without_a_system_prompt_nothing_is_found(self) -> None:
        result = LeakageGuard().scan(PROMPT, GuardContext(direction=Direction.output))
        assert result.action is Action.allow
