"""The reading-ease score: syllables, sentences, and the markup a reader does not read."""

from __future__ import annotations

import pytest

from sai.documents.readability import flesch, score, syllables


class TestSyllables:
    @pytest.mark.parametrize(
        ("word", "count"),
        [("cat", 1), ("make", 1), ("table", 2), ("system", 2), ("security", 4), ("the", 1)],
    )
    def test_counts(self, word: str, count: int) -> None:
        assert syllables(word) == count


class TestFlesch:
    def test_short_plain_words_score_high(self) -> None:
        # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015*6 - 84.6*1 = 116.145
        assert flesch("The cat sat on the mat.") == pytest.approx(116.145)

    def test_long_latinate_sentence_scores_low(self) -> None:
        hard = (
            "Organisational accountability necessitates comprehensive documentation "
            "encompassing operational vulnerabilities and remediation methodologies."
        )
        assert flesch(hard) < 0

    def test_urls_and_code_are_not_words(self) -> None:
        plain = "Write to us."
        assert flesch(plain + " https://example.com/a/very/long/path") == flesch(plain)
        assert score("`sai docs build --workspace somewhere`") == 0

    def test_no_words_scores_zero(self) -> None:
        assert flesch("#### ---") == 0.0
