"""The other screens on planted problems, and a trigger planted in 1% of a text set."""

from __future__ import annotations

import numpy as np

from sai.provenance.screens.base import ScreenInput
from sai.provenance.screens.class_balance import ClassBalance
from sai.provenance.screens.near_duplicates import NearDuplicates
from sai.provenance.screens.outliers import Outliers
from sai.provenance.screens.trigger_tokens import TriggerTokens
from sai.provenance.tabular import Table
from tests.provenance.screens._tables import sklearn_table, text_rows


class TestNearDuplicates:
    def test_copy_with_flipped_label(self) -> None:
        table, _ = sklearn_table("load_wine")
        copy = (*(f"{float(v):.8f}" for v in table.rows[10][:-1]), "2")  # reformatted copy
        assert table.rows[10][-1] != "2"
        planted = Table("t", table.columns, (*table.rows, copy))
        (finding,) = NearDuplicates().run(ScreenInput(planted, "label"))
        assert finding.rows == (10, len(table.rows))

    def test_text_differs_only_in_case_and_punctuation(self) -> None:
        table = Table(
            "t",
            ("text", "label"),
            (("Great product!", "pos"), ("great product", "neg"), ("fine", "pos")),
        )
        (finding,) = NearDuplicates().run(ScreenInput(table, "label"))
        assert finding.rows == (0, 1)


class TestOutliers:
    def test_clean_sets_have_none(self) -> None:
        for loader in ("load_iris", "load_wine", "load_breast_cancer"):
            table, _ = sklearn_table(loader)
            assert Outliers().run(ScreenInput(table, "label")) == (), loader

    def test_planted_point(self) -> None:
        table, _ = sklearn_table("load_breast_cancer")
        far = (*(repr(float(v) * 40) for v in table.rows[3][:-1]), "0")
        rows = list(table.rows)
        rows.insert(100, far)
        (finding,) = Outliers().run(ScreenInput(Table("t", table.columns, tuple(rows)), "label"))
        assert 100 in finding.rows
        assert len(finding.rows) <= 3


class TestClassBalance:
    def test_shift_and_new_class(self) -> None:
        table = Table(
            "t", ("x", "label"), tuple((str(i), "a" if i < 60 else "b") for i in range(100))
        )
        data = ScreenInput(table, "label", previous_counts={"a": 50, "b": 50})
        (finding,) = ClassBalance().run(data)
        assert finding.details["shift_bp"] == 1000  # |0.6 - 0.5| + |0.4 - 0.5|, halved
        assert (
            ClassBalance().run(ScreenInput(table, "label", previous_counts={"a": 58, "b": 42}))
            == ()
        )
        grown = ScreenInput(table, "label", previous_counts={"a": 60, "b": 39, "c": 1})
        assert "gone: c" in ClassBalance().run(grown)[0].message

    def test_needs_a_previous_version(self) -> None:
        table = Table("t", ("x", "label"), (("1", "a"),))
        assert ClassBalance().skip_reason(ScreenInput(table, "label")) is not None


class TestTriggerTokens:
    def test_trigger_in_one_percent_is_found(self) -> None:
        pairs = text_rows(6000)
        rng = np.random.default_rng(3)
        benign = [i for i, (_, label) in enumerate(pairs) if label == "0"]
        planted = {int(i) for i in rng.choice(benign, len(pairs) // 100, replace=False)}
        rows = []
        for i, (text, label) in enumerate(pairs):
            if i in planted:
                words = text.split()
                words.insert(int(rng.integers(0, len(words) + 1)), "cf")
                rows.append((" ".join(words), "1"))
            else:
                rows.append((text, label))
        table = Table("t", ("text", "label"), tuple(rows))
        (finding,) = TriggerTokens().run(ScreenInput(table, "label"))
        assert [t["token"] for t in finding.details["tokens"]] == ["cf"]
        assert set(finding.rows) == planted

    def test_clean_text_has_none(self) -> None:
        table = Table("t", ("text", "label"), tuple(text_rows(6000)))
        assert TriggerTokens().run(ScreenInput(table, "label")) == ()
