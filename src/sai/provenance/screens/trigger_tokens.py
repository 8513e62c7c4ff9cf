"""Backdoor triggers in text classification data: tokens whose label the text does not explain.

A planted trigger is a token added to some texts whose label is then set to the attacker's
target. Such a token is (1) almost always seen with one label, far beyond that label's base
rate (a binomial test, Bonferroni-corrected over the vocabulary), and (2) its texts, with the
suspect tokens removed, are mostly predicted as another label out of fold. Words that really
carry meaning ("refund", "ignore previous") pass (1) but fail (2): the rest of their texts
agrees with the label. Both must hold for a finding.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import ClassVar

import numpy as np

from sai.provenance.screens._features import column_kinds, texts
from sai.provenance.screens._probabilities import encode_labels, out_of_fold
from sai.provenance.screens.base import Finding, Screen, ScreenInput

TOKEN_PATTERN = r"[\w']+|[^\w\s]{2,}"  # noqa: S105 - a regular expression
_TOKEN = re.compile(TOKEN_PATTERN)
#: Least share of a token's texts with its main label.
MIN_PURITY = 0.9
#: Least share of those texts that the rest of their words assign to another label.
MIN_UNEXPLAINED = 0.5
_ALPHA = 1e-6
_MAX_SHARE = 0.2


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


class TriggerTokens(Screen):
    """Tokens with an anomalous association to one label."""

    name: ClassVar[str] = "trigger-tokens"
    summary: ClassVar[str] = "tokens tied to one label that the rest of the text does not explain"
    needs_labels: ClassVar[bool] = True

    def skip_reason(self, data: ScreenInput) -> str | None:
        if not column_kinds(data.table, data.label_column).text:
            return "no text columns"
        return super().skip_reason(data)

    def _candidates(self, docs: list[str], y: np.ndarray) -> dict[str, tuple[int, list[int]]]:
        from scipy.stats import binom

        n = len(docs)
        where: defaultdict[str, list[int]] = defaultdict(list)
        for row, text in enumerate(docs):
            for token in _tokens(text):
                where[token].append(row)
        low, high = max(3, math.ceil(0.002 * n)), _MAX_SHARE * n
        tested = {t: rows for t, rows in where.items() if low <= len(rows) <= high}
        base = np.bincount(y) / n
        found: dict[str, tuple[int, list[int]]] = {}
        for token, rows in tested.items():
            label, count = Counter(int(y[r]) for r in rows).most_common(1)[0]
            if count / len(rows) < MIN_PURITY:
                continue
            p_value = float(binom.sf(count - 1, len(rows), base[label]))
            if p_value * len(tested) < _ALPHA:
                found[token] = (label, [r for r in rows if y[r] == label])
        return found

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = texts(data.table, column_kinds(data.table, data.label_column))
        y, classes = encode_labels(data.labels)
        if len(classes) < 2:
            return ()
        candidates = self._candidates(docs, y)
        if not candidates:
            return ()
        vectorizer = TfidfVectorizer(
            token_pattern=TOKEN_PATTERN,
            stop_words=sorted(candidates),
            sublinear_tf=True,
            min_df=2,
            ngram_range=(1, 2),
        )
        probs = out_of_fold(vectorizer.fit_transform(docs), y, data.seed)
        predicted = probs.argmax(axis=1)
        triggers = []
        for token, (label, rows) in sorted(candidates.items()):
            unexplained = float(np.mean(predicted[rows] != label))
            if unexplained >= MIN_UNEXPLAINED:
                triggers.append((token, label, rows, unexplained))
        if not triggers:
            return ()
        flagged = tuple(sorted({r for _, _, rows, _ in triggers for r in rows}))
        details = [
            {
                "token": token,
                "label": classes[label],
                "rows": len(rows),
                "unexplained_bp": round(share * 10_000),
            }
            for token, label, rows, share in triggers
        ]
        names = ", ".join(f"{t!r} -> {classes[label]}" for t, label, _, _ in triggers[:5])
        return (
            Finding(
                self.name,
                flagged,
                f"possible backdoor triggers: {names}; {len(flagged)} rows carry a label only "
                "the token explains; remove or relabel them and find where they came from",
                {"tokens": details},
            ),
        )


__all__ = ["MIN_PURITY", "MIN_UNEXPLAINED", "TriggerTokens"]
