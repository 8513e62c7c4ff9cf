"""Building a reference profile in DuckDB: one pass to load the file, then one query per
column, in the form the reference's sensitivity class allows (``sai.monitoring.profile``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sai.monitoring.aggregate import MIN_GROUP, aggregate, fold_categories
from sai.monitoring.data import Column, ColumnKind, connect, relation_sql, schema
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import (
    AGGREGATES,
    EXACT_VALUES,
    MAX_CATEGORIES,
    QUANTILES,
    SAMPLE_ROWS,
    FeatureProfile,
    Profile,
    form_for,
)

if TYPE_CHECKING:
    import duckdb

_IN_MEMORY = 5_000_000


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _few_finite(column: Column, finite: int) -> MonitoringError:
    return MonitoringError(
        f"feature {column.name!r} has {finite} finite value(s) in the reference; a baseline of "
        f"sensitive data keeps no group of fewer than {MIN_GROUP} rows",
        hint="leave the column out with --ignore, or freeze a larger reference",
    )


def _distinct_counts(
    con: duckdb.DuckDBPyConnection, x: str, name: str, finite: int
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The column's distinct finite values, sorted, and how many rows hold each (sorted in
    numpy up to ``_IN_MEMORY`` values, faster than DuckDB's GROUP BY; in DuckDB beyond)."""
    if finite > _IN_MEMORY:
        counted = con.execute(
            f"SELECT CAST({x} AS DOUBLE) AS v, count(*) AS n FROM ref WHERE isfinite({x}) "
            "GROUP BY 1 ORDER BY 1"
        ).fetchnumpy()
        return np.asarray(counted["v"]), np.asarray(counted["n"])
    column = con.execute(f"SELECT {x} FROM ref WHERE isfinite({x})").fetchnumpy()[name]
    ordered = np.sort(np.asarray(column, dtype=np.float64))
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    return ordered[starts], np.diff(np.concatenate([starts, [len(ordered)]]))


def _numeric(
    con: duckdb.DuckDBPyConnection, column: Column, rows: int, form: str
) -> FeatureProfile:
    x = _ident(column.name)
    finite, distinct, std = con.execute(
        f"SELECT count(*), count(DISTINCT {x}), coalesce(stddev_pop({x}), 0) "
        f"FROM ref WHERE isfinite({x})"
    ).fetchone() or (0, 0, 0.0)
    if finite == 0:
        raise MonitoringError(
            f"feature {column.name!r} has no finite values in the reference",
            hint="drop the column or pick a reference where it is filled",
        )
    weights = np.empty(0)
    if form == AGGREGATES:
        if finite < MIN_GROUP:
            raise _few_finite(column, int(finite))
        values, weights = aggregate(*_distinct_counts(con, x, column.name, int(finite)))
    elif finite <= _IN_MEMORY:
        values = np.sort(
            con.execute(f"SELECT {x} FROM ref WHERE isfinite({x})").fetchnumpy()[column.name]
        )
        values = np.asarray(values, dtype=np.float64)
        if finite > EXACT_VALUES:
            picks = np.round(np.linspace(0, finite - 1, QUANTILES + 1)).astype(np.int64)
            values = values[picks]
    else:
        values = con.execute(  # type: ignore[assignment]
            f"SELECT v FROM (SELECT {x} AS v, row_number() OVER (ORDER BY {x}) - 1 AS rn FROM ref "
            f"WHERE isfinite({x})) WHERE rn IN (SELECT CAST(round(i * ($1 - 1) / $2) AS BIGINT) "
            "FROM range($2 + 1) r(i)) ORDER BY v",
            [finite, QUANTILES],
        ).fetchnumpy()["v"]
    return FeatureProfile(
        column.name,
        ColumnKind.numeric,
        rows,
        int(finite),
        int(distinct),
        float(std),
        np.asarray(values, dtype=np.float64),
        weights=np.asarray(weights, dtype=np.float64),
    )


def _categorical(
    con: duckdb.DuckDBPyConnection, column: Column, rows: int, form: str
) -> FeatureProfile:
    x = _ident(column.name)
    counted = con.execute(
        f"SELECT coalesce(CAST({x} AS VARCHAR), ''), count(*) AS n FROM ref GROUP BY 1 "
        f"ORDER BY n DESC, 1 LIMIT {MAX_CATEGORIES + 1}"
    ).fetchall()
    if len(counted) > MAX_CATEGORIES:
        raise MonitoringError(
            f"feature {column.name!r} has more than {MAX_CATEGORIES} categories in the reference",
            hint="an identifier or free text is not a categorical feature; leave it out with "
            "--ignore",
        )
    categories = {str(k): int(n) for k, n in counted}
    distinct = len(categories)
    if form == AGGREGATES:
        categories = fold_categories(categories)
    return FeatureProfile(
        column.name, ColumnKind.categorical, rows, rows, distinct, categories=categories
    )


def build_profile(
    path: Path,
    *,
    ignore: tuple[str, ...] = (),
    memory_limit: str = "1GB",
    sensitivity: str | None = None,
    sample: bool = True,
) -> Profile:
    """Profile every column of ``path`` except ``ignore`` (one pass to load, then per column),
    in the form its ``sensitivity`` class allows (None: unclassified, treated as sensitive);
    ``sample=False`` keeps no rows for the domain classifier."""
    form = form_for(sensitivity)
    con = connect(memory_limit)
    try:
        columns = tuple(c for c in schema(con, path) if c.name not in ignore)
        if not columns:
            raise MonitoringError(f"{path}: no columns left to monitor after --ignore")
        import duckdb

        try:
            con.execute(f"CREATE TEMP TABLE ref AS SELECT * FROM {relation_sql(path)}")
        except duckdb.Error as error:
            raise MonitoringError(
                f"{path}: DuckDB cannot read it: {str(error).splitlines()[0]}"
            ) from None
        row = con.execute("SELECT count(*) FROM ref").fetchone()
        rows = int(row[0]) if row else 0
        if rows == 0:
            raise MonitoringError(f"{path}: the reference has no rows")
        features = tuple(
            _numeric(con, c, rows, form)
            if c.kind is ColumnKind.numeric
            else _categorical(con, c, rows, form)
            for c in columns
        )
        profile = Profile(rows, features, form=form, sensitivity=sensitivity)
        rows_kept = _sample(con, columns) if sample else {}
    finally:
        con.close()
    kept = {f.name: profile.generalise(f, rows_kept[f.name]) for f in features if rows_kept}
    return Profile(rows, features, kept, form, sensitivity)


def _sample(con: duckdb.DuckDBPyConnection, columns: tuple[Column, ...]) -> dict[str, Any]:
    picks = ", ".join(
        (
            f"CAST({_ident(c.name)} AS DOUBLE)"
            if c.kind is ColumnKind.numeric
            else f"coalesce(CAST({_ident(c.name)} AS VARCHAR), '')"
        )
        + f" AS c{i}"
        for i, c in enumerate(columns)
    )
    table = con.execute(
        f"SELECT {picks} FROM ref USING SAMPLE reservoir({SAMPLE_ROWS} ROWS) REPEATABLE (16)"
    ).fetchnumpy()
    return {c.name: table[f"c{i}"] for i, c in enumerate(columns)}


__all__ = ["build_profile"]
