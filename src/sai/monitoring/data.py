"""Reading CSV and Parquet with DuckDB: the schema, and the rows window by window.

DuckDB scans the file; Arrow record batches come out in fixed-size pieces and are cut into
windows of ``window_rows`` rows, so memory holds one window at a time however large the file
is. Numeric columns arrive as float64 arrays (NaN and infinities are kept here and counted by
the metrics), text and boolean columns as arrays of strings.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sai.monitoring.errors import MonitoringError

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

SUFFIXES = (".csv", ".parquet")
_BATCH_ROWS = 65_536
_NUMERIC = [
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "FLOAT",
    "DOUBLE",
]


class ColumnKind(enum.StrEnum):
    """How a column's drift is measured."""

    numeric = "numeric"
    categorical = "categorical"


@dataclass(frozen=True)
class Column:
    """One column of a data file: its name, kind and DuckDB type."""

    name: str
    kind: ColumnKind
    sql_type: str


@dataclass(frozen=True)
class Window:
    """One window of rows: its position in the file and one array per column."""

    index: int
    start_row: int
    rows: int
    values: dict[str, Any]
    """Numeric columns as float64 numpy arrays, categorical ones as Arrow string arrays."""


def connect(memory_limit: str = "1GB") -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with bounded memory and one thread per core it may use."""
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET enable_progress_bar = false")
    return con


def relation_sql(path: Path) -> str:
    """The DuckDB table function that reads ``path`` (CSV or Parquet)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise MonitoringError(
            f"{path}: monitoring reads .csv or .parquet files, not {suffix or 'no suffix'!r}"
        )
    if not path.is_file():
        raise MonitoringError(f"{path}: no such file")
    quoted = str(path).replace("'", "''")
    if suffix == ".csv":
        return f"read_csv('{quoted}', header = true, sample_size = 20480)"
    return f"read_parquet('{quoted}')"


def _duck_error(path: Path, error: Exception) -> MonitoringError:
    text = str(error).strip().splitlines()
    detail = " ".join(line.strip() for line in text[:3] if line.strip())
    return MonitoringError(
        f"{path}: DuckDB cannot read it: {detail}",
        hint="a column whose values change type part-way (numbers, then text) must be cleaned "
        "or read as text; check the line named above",
    )


def schema(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[Column, ...]:
    """The columns of ``path``: numeric ones measured as numbers, the rest as categories."""
    import duckdb

    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {relation_sql(path)}").fetchall()
    except duckdb.Error as error:
        raise _duck_error(path, error) from None
    columns = []
    for name, sql_type, *_ in rows:
        base = str(sql_type).split("(")[0].upper()
        kind = ColumnKind.numeric if base in _NUMERIC or base == "DECIMAL" else None
        columns.append(Column(str(name), kind or ColumnKind.categorical, str(sql_type)))
    if not columns:
        raise MonitoringError(f"{path}: the file has no columns")
    return tuple(columns)


def _select(columns: tuple[Column, ...]) -> str:
    parts = []
    for column in columns:
        ident = '"' + column.name.replace('"', '""') + '"'
        cast = "DOUBLE" if column.kind is ColumnKind.numeric else "VARCHAR"
        parts.append(f"CAST({ident} AS {cast}) AS {ident}")
    return ", ".join(parts)


def _arrays(batch: pa.RecordBatch, columns: tuple[Column, ...]) -> dict[str, Any]:
    out: dict[str, np.ndarray[Any, Any]] = {}
    for i, column in enumerate(columns):
        array = batch.column(i)
        if column.kind is ColumnKind.numeric:
            out[column.name] = array.to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
        else:
            # NOTE: categories stay Arrow arrays: counting them in Arrow is hashing in C,
            # while numpy object arrays would sort Python strings.
            out[column.name] = array.fill_null("")
    return out


def windows(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    columns: tuple[Column, ...],
    window_rows: int,
) -> Iterator[Window]:
    """The rows of ``path`` in windows of ``window_rows`` (the last one may be shorter)."""
    import duckdb

    if window_rows < 1:
        raise MonitoringError(f"--window must be at least 1 row, not {window_rows}")
    try:
        reader = con.sql(f"SELECT {_select(columns)} FROM {relation_sql(path)}").to_arrow_reader(
            min(_BATCH_ROWS, window_rows)
        )
        pending: list[dict[str, np.ndarray[Any, Any]]] = []
        held = 0
        index = start = 0
        for batch in reader:
            arrays = _arrays(batch, columns)
            offset = 0
            while offset < batch.num_rows:
                take = min(window_rows - held, batch.num_rows - offset)
                pending.append({k: v[offset : offset + take] for k, v in arrays.items()})
                held += take
                offset += take
                if held == window_rows:
                    yield _join(index, start, pending, columns)
                    index, start, pending, held = index + 1, start + held, [], 0
        if held:
            yield _join(index, start, pending, columns)
    except (duckdb.Error, OSError) as error:
        # NOTE: errors met while Arrow pulls batches surface as OSError.
        raise _duck_error(path, error) from None


def has_rows(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Whether ``path`` holds at least one data row."""
    import duckdb

    try:
        row = con.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {relation_sql(path)} LIMIT 1)"
        ).fetchone()
    except duckdb.Error as error:
        raise _duck_error(path, error) from None
    return bool(row and row[0])


def _join(
    index: int,
    start: int,
    parts: list[dict[str, np.ndarray[Any, Any]]],
    columns: tuple[Column, ...],
) -> Window:
    import pyarrow as pa

    values = {
        c.name: np.concatenate([p[c.name] for p in parts])
        if c.kind is ColumnKind.numeric
        else pa.concat_arrays([p[c.name] for p in parts])
        for c in columns
    }
    rows = len(values[columns[0].name]) if columns else 0
    return Window(index, start, rows, values)


__all__ = [
    "Column",
    "ColumnKind",
    "Window",
    "connect",
    "has_rows",
    "relation_sql",
    "schema",
    "windows",
]
