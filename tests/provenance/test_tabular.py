"""Reading tables: bad input gets a message naming the row, line or column."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.provenance.errors import DataFormatError
from sai.provenance.tabular import read_table


class TestCsv:
    def test_reads_cells_as_text(self, tmp_path: Path) -> None:
        path = tmp_path / "t.csv"
        path.write_text('x,y\n1,"a, b"\n2,"multi\nline"\n', encoding="utf-8")
        table = read_table(path)
        assert table.columns == ("x", "y")
        assert table.rows == (("1", "a, b"), ("2", "multi\nline"))

    def test_broken_quote_at_row_one_million(self, tmp_path: Path) -> None:
        path = tmp_path / "big.csv"
        with path.open("w", encoding="utf-8") as out:
            out.write("id,text\n")
            out.write("".join(f"{i},ok\n" for i in range(1_000_000)))
            out.write('1000000,"never closed\n')
            out.write("".join(f"{i},ok\n" for i in range(1_000_001, 1_000_100)))
        with pytest.raises(DataFormatError) as caught:
            read_table(path)
        message = caught.value.message
        assert f"{path}:1000002:" in message  # header + 1,000,000 rows before it
        assert "data row 1,000,000" in message
        assert "quote" in message

    def test_mixed_encodings_name_the_line_and_byte(self, tmp_path: Path) -> None:
        path = tmp_path / "mixed.csv"
        path.write_bytes("name,city\nJosé,Zürich\n".encode() + "Renée,Genève\n".encode("latin-1"))
        with pytest.raises(DataFormatError) as caught:
            read_table(path)
        assert f"{path}:3: byte 4 of the line (0xe9) is not UTF-8" in caught.value.message
        assert "iconv" in (caught.value.hint or "")

    def test_empty_file(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.csv"
        path.write_bytes(b"")
        with pytest.raises(DataFormatError, match=r"empty \(0 bytes\)"):
            read_table(path)

    def test_ragged_row(self, tmp_path: Path) -> None:
        path = tmp_path / "ragged.csv"
        path.write_text("a,b\n1,2\n3\n", encoding="utf-8")
        with pytest.raises(DataFormatError, match=r":3: data row 1 has 1 cells but the header"):
            read_table(path)

    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=300))
    def test_any_bytes_read_or_fail_cleanly(self, data: bytes) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fuzz.csv"
            path.write_bytes(data)
            try:
                table = read_table(path)
            except DataFormatError:
                return
            assert all(len(row) == len(table.columns) for row in table.rows)


class TestParquet:
    def test_flat(self, tmp_path: Path) -> None:
        path = tmp_path / "t.parquet"
        pq.write_table(pa.table({"x": [1, 2], "y": ["a", None], "z": [0.5, 1.0]}), path)
        table = read_table(path)
        assert table.rows == (("1", "a", "0.5"), ("2", "", "1.0"))

    def test_nested_schema_names_the_column(self, tmp_path: Path) -> None:
        path = tmp_path / "nested.parquet"
        pq.write_table(
            pa.table({"id": [1], "address": [{"street": "x", "zip": "1"}], "tags": [["a"]]}),
            path,
        )
        with pytest.raises(DataFormatError) as caught:
            read_table(path)
        assert "column 'address' has the nested type struct<street: string, zip: string>" in (
            caught.value.message
        )

    def test_not_parquet(self, tmp_path: Path) -> None:
        path = tmp_path / "fake.parquet"
        path.write_bytes(b"PAR1 not really")
        with pytest.raises(DataFormatError, match="not a readable Parquet file"):
            read_table(path)


class TestJsonl:
    def test_nested_value_names_row_and_column(self, tmp_path: Path) -> None:
        path = tmp_path / "t.jsonl"
        path.write_text('{"text": "a", "label": 0}\n{"text": {"x": 1}, "label": 1}\n')
        with pytest.raises(DataFormatError, match=r":2: data row 1, column 'text' holds a nested"):
            read_table(path)
