"""Read a dataset as a table of text cells: CSV/TSV, Parquet, JSON Lines, or a folder of documents.

Every cell is text (numbers as they are written, ``None`` as the empty string), so the row
hashes of the same data agree whatever the file holds it in. Errors name the file, the data
row (0-based, header excluded) or line, and the column.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sai import jsonl
from sai.provenance._csv import read_csv
from sai.provenance.errors import DataFormatError

#: Documents read from a folder: one row per file.
DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".rst"})


class TableFormat(enum.StrEnum):
    """The table layouts sai reads."""

    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"
    documents = "documents"


_SUFFIXES = {
    ".csv": TableFormat.csv,
    ".tsv": TableFormat.csv,
    ".tab": TableFormat.csv,
    ".parquet": TableFormat.parquet,
    ".pq": TableFormat.parquet,
    ".jsonl": TableFormat.jsonl,
    ".ndjson": TableFormat.jsonl,
}


def table_format(path: Path) -> TableFormat | None:
    """The layout of ``path`` by its name (a folder holds documents), or None."""
    if path.is_dir():
        return TableFormat.documents
    return _SUFFIXES.get(path.suffix.lower())


@dataclass(frozen=True)
class Table:
    """A whole table in memory: column names and rows of text cells."""

    path: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, name: str) -> tuple[str, ...]:
        """The cells of column ``name``; the error lists the columns there are."""
        index = self.index(name)
        return tuple(row[index] for row in self.rows)

    def index(self, name: str) -> int:
        """The position of column ``name``."""
        try:
            return self.columns.index(name)
        except ValueError:
            raise DataFormatError(
                f"{self.path}: no column {name!r}",
                hint=f"the columns are: {', '.join(self.columns)}",
            ) from None


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _check_parquet_schema(schema: Any, path: Path) -> None:
    import pyarrow.types as pat

    for field in schema:
        kind = field.type
        if pat.is_nested(kind) or (pat.is_dictionary(kind) and pat.is_nested(kind.value_type)):
            raise DataFormatError(
                f"{path}: column {field.name!r} has the nested type {kind}; row hashes and "
                "screens need flat columns",
                hint="flatten it (one column per field) or write it out as JSON text",
            )


def _parquet(path: Path) -> tuple[tuple[str, ...], Iterator[tuple[str, ...]]]:
    return _parquet_stream(path, path)


def _parquet_stream(
    source: Path | BinaryIO, path: Path
) -> tuple[tuple[str, ...], Iterator[tuple[str, ...]]]:
    """Columns and rows of a Parquet file (a path or a seekable binary stream)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise DataFormatError(
            f"{path}: reading Parquet needs pyarrow", hint="pip install 'sai[parquet]'"
        ) from None
    try:
        parquet = pq.ParquetFile(source)
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise DataFormatError(f"{path}: not a readable Parquet file ({exc})") from None
    schema = parquet.schema_arrow
    _check_parquet_schema(schema, path)
    columns = tuple(schema.names)

    def rows() -> Iterator[tuple[str, ...]]:
        for batch in parquet.iter_batches(batch_size=65_536):
            values = [column.to_pylist() for column in batch.columns]
            for row in zip(*values, strict=True):
                yield tuple(_cell(value) for value in row)

    return columns, rows()


def _jsonl(handle: Any, path: Path) -> tuple[tuple[str, ...], Iterator[tuple[str, ...]]]:
    def parsed() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            yield from jsonl.stream_objects(handle, str(path))
        except jsonl.JsonLinesError as exc:
            raise DataFormatError(exc.message) from None

    lines = parsed()
    try:
        first_line, first = next(lines)
    except StopIteration:
        raise DataFormatError(f"{path}: the file holds no JSON objects") from None
    columns = tuple(first)

    def rows() -> Iterator[tuple[str, ...]]:
        yield _json_row(first, columns, path, first_line, 0)
        for row, (number, value) in enumerate(lines, 1):
            yield _json_row(value, columns, path, number, row)

    return columns, rows()


def _json_row(
    value: dict[str, Any], columns: tuple[str, ...], path: Path, line: int, row: int
) -> tuple[str, ...]:
    if tuple(value) != columns and set(value) != set(columns):
        raise DataFormatError(
            f"{path}:{line}: data row {row:,} has the keys {sorted(value)}, the first row "
            f"{sorted(columns)}"
        )
    for name in columns:
        if isinstance(value[name], dict | list):
            raise DataFormatError(
                f"{path}:{line}: data row {row:,}, column {name!r} holds a nested value; "
                "screens need flat columns"
            )
    return tuple(_cell(value[name]) for name in columns)


def _documents(path: Path) -> tuple[tuple[str, ...], Iterator[tuple[str, ...]]]:
    files = sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
    )

    def rows() -> Iterator[tuple[str, ...]]:
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise DataFormatError(
                    f"{file}: byte {exc.start} is not UTF-8", hint="re-encode the file as UTF-8"
                ) from None
            yield file.relative_to(path).as_posix(), text

    return ("path", "text"), rows()


@contextmanager
def open_rows(
    path: Path, fmt: TableFormat | None = None
) -> Iterator[tuple[tuple[str, ...], Iterator[tuple[str, ...]]]]:
    """The column names and a streaming iterator over the rows of ``path``."""
    fmt = fmt or table_format(path)
    if fmt is None:
        raise DataFormatError(
            f"{path}: not a table sai reads (by its name)",
            hint="use .csv, .tsv, .parquet, .jsonl, or a folder of .txt/.md documents",
        )
    if not path.exists():
        raise DataFormatError(f"{path}: no such file or folder")
    if fmt is TableFormat.documents:
        yield _documents(path)
        return
    if path.stat().st_size == 0:
        raise DataFormatError(
            f"{path}: the file is empty (0 bytes)",
            hint="a table needs at least a header row; was the download cut short?",
        )
    if fmt is TableFormat.parquet:
        yield _parquet(path)
        return
    with path.open("rb") as handle:
        yield read_csv(handle, path) if fmt is TableFormat.csv else _jsonl(handle, path)


def read_table(path: Path, fmt: TableFormat | None = None) -> Table:
    """The whole table at ``path`` in memory."""
    with open_rows(path, fmt) as (columns, rows):
        return Table(str(path), columns, tuple(rows))


__all__ = ["DOCUMENT_SUFFIXES", "Table", "TableFormat", "open_rows", "read_table", "table_format"]
