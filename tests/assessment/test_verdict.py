"""Verdict combination: fail wins, then inconclusive, then pass."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sai.assessment.verdict import Verdict, combine, meets

P, F, INC = Verdict.PASS, Verdict.FAIL, Verdict.INCONCLUSIVE


class TestCombine:
    def test_empty_is_none(self) -> None:
        assert combine([]) is None

    def test_fail_wins(self) -> None:
        assert combine([P, INC, F, P]) is F

    def test_inconclusive_beats_pass(self) -> None:
        assert combine([P, INC, P]) is INC

    def test_all_pass(self) -> None:
        assert combine([P, P]) is P

    @given(st.lists(st.sampled_from(list(Verdict)), min_size=1))
    def test_order_does_not_matter_and_fail_dominates(self, verdicts: list[Verdict]) -> None:
        assert combine(verdicts) is combine(list(reversed(verdicts)))
        if F in verdicts:
            assert combine(verdicts) is F
        elif INC in verdicts:
            assert combine(verdicts) is INC
        else:
            assert combine(verdicts) is P


class TestMeets:
    def test_fail_on_fail_lets_inconclusive_through(self) -> None:
        assert meets(P, F)
        assert meets(INC, F)
        assert not meets(F, F)

    def test_fail_on_inconclusive_requires_pass(self) -> None:
        assert meets(P, INC)
        assert not meets(INC, INC)
        assert not meets(F, INC)
