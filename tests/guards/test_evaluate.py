from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai.guards.errors import DatasetError
from sai.guards.evaluate import compute_metrics, load_dataset, roc_auc, tpr_at_fpr


class TestMetrics:
    def test_counts(self) -> None:
        m = compute_metrics(
            [0.9, 0.8, 0.3, 0.7, 0.1], [True, True, False, True, False], [1, 1, 1, 0, 0], [1, 2]
        )
        assert (m.n, m.positives) == (5, 3)
        assert m.tpr == pytest.approx(2 / 3)
        assert m.fpr == pytest.approx(1 / 2)
        assert m.precision == pytest.approx(2 / 3)
        assert m.f1 == pytest.approx(2 / 3)
        assert m.roc_auc == pytest.approx(5 / 6)
        assert m.basis_points()["fpr_bp"] == 5000

    def test_auc_with_ties_and_perfect(self) -> None:
        y = np.array([0, 1, 0, 1])
        assert roc_auc(np.array([0.5, 0.5, 0.5, 0.5]), y) == 0.5
        assert roc_auc(np.array([0.1, 0.9, 0.2, 0.8]), y) == 1.0

    def test_tpr_at_fpr(self) -> None:
        scores = np.array([0.1] * 99 + [0.95] + [0.9, 0.99])
        labels = np.array([0] * 100 + [1, 1])
        assert tpr_at_fpr(scores, labels, 0.01) == 1.0
        assert tpr_at_fpr(scores, labels, 0.0) == 0.5

    @given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 1)), min_size=2, max_size=50))
    def test_auc_matches_pairwise_definition(self, pairs: list[tuple[float, int]]) -> None:
        s = np.array([p[0] for p in pairs])
        y = np.array([p[1] for p in pairs])
        if y.min() == y.max():
            return
        pos, neg = s[y == 1], s[y == 0]
        expected = np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg])
        assert roc_auc(s, y) == pytest.approx(expected)


class TestLoadDataset:
    def test_reads_lines_and_digest(self, tmp_path: Path) -> None:
        path = tmp_path / "d.jsonl"
        path.write_text('{"text": "a", "label": 1}\n\n{"text": "b", "label": 0}\n')
        data = load_dataset(path)
        assert [e.label for e in data.examples] == [1, 0]
        assert data.digest.startswith("sha256:")

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ('{"text": "a", "label": 1}\nnot json\n', "d.jsonl:2: not JSON"),
            ('{"label": 1}\n', 'd.jsonl:1: needs a string "text"'),
            ('{"text": "a", "label": 2}\n', '"label" must be 0 or 1'),
            ('{"text": "a", "label": true}\n', '"label" must be 0 or 1'),
            ("\n", "holds no examples"),
        ],
    )
    def test_bad_input_names_the_line(self, tmp_path: Path, content: str, message: str) -> None:
        path = tmp_path / "d.jsonl"
        path.write_text(content)
        with pytest.raises(DatasetError, match=message):
            load_dataset(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(DatasetError, match="cannot read"):
            load_dataset(tmp_path / "none.jsonl")

    @given(st.binary(max_size=200))
    def test_arbitrary_bytes_load_or_raise_dataset_error(self, blob: bytes) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "x.jsonl"
            path.write_bytes(blob)
            try:
                data = load_dataset(path)
            except DatasetError:
                return
            assert all(json.dumps(e.text) for e in data.examples)


def test_load_dataset_keeps_unicode_line_separators_inside_texts(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    rows = [{"text": "one\u2028two\u2029three\u0085four", "label": 1}, {"text": "b", "label": 0}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in rows), "utf-8")
    data = load_dataset(path)
    assert [e.text for e in data.examples] == [r["text"] for r in rows]
