"""The reference profile: what a frozen baseline keeps of each feature, computed in DuckDB.

Numeric features keep their finite values sorted when there are at most ``EXACT_VALUES`` of
them (exact tests), otherwise ``QUANTILES + 1`` evenly spaced quantiles standing for the whole
column; also the count, the population standard deviation and the number of distinct values
(which picks the default test, as Evidently does). Categorical features keep their counts per
category. The profile is small however many rows the reference has.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sai.monitoring.data import Column, ColumnKind, connect, relation_sql, schema
from sai.monitoring.errors import MonitoringError

if TYPE_CHECKING:
    import duckdb

EXACT_VALUES = 50_000
QUANTILES = 10_000
SAMPLE_ROWS = 5_000
"""Rows of the reference kept whole (a seeded reservoir sample) for the domain classifier."""
MAX_CATEGORIES = 10_000
_IN_MEMORY = 5_000_000


@dataclass(frozen=True)
class FeatureProfile:
    """One feature of the reference."""

    name: str
    kind: ColumnKind
    rows: int
    finite: int
    distinct: int
    std: float = 0.0
    points: np.ndarray[Any, Any] = field(default_factory=lambda: np.empty(0), compare=False)
    categories: dict[str, int] = field(default_factory=dict)

    @property
    def exact(self) -> bool:
        """Whether ``points`` are the reference's own values (not quantiles)."""
        return self.kind is ColumnKind.numeric and len(self.points) == self.finite

    def to_json(self) -> dict[str, Any]:
        """Metadata of this feature (numeric points travel separately, as binary)."""
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind.value,
            "rows": self.rows,
            "finite": self.finite,
            "distinct": self.distinct,
        }
        if self.kind is ColumnKind.numeric:
            out["std"] = self.std
            out["points_sha256"] = hashlib.sha256(self.points.astype("<f8").tobytes()).hexdigest()
        else:
            out["categories"] = dict(sorted(self.categories.items()))
        return out


def sample_digest(sample: dict[str, np.ndarray[Any, Any]]) -> str:
    """SHA-256 over the sample's column names and values (numbers as float64, text as UTF-32)."""
    sha = hashlib.sha256()
    for name in sorted(sample):
        values = sample[name]
        data = values.astype("<f8") if values.dtype.kind == "f" else values.astype("<U")
        sha.update(name.encode() + b"\0" + str(data.dtype).encode() + data.tobytes())
    return sha.hexdigest()


@dataclass(frozen=True)
class Profile:
    """Every feature of a reference, with the rows it came from.

    ``sample`` holds up to ``SAMPLE_ROWS`` whole rows (numbers as float64, categories as
    text) so that a classifier can tell reference rows from current ones; its digest is part
    of the profile's.
    """

    rows: int
    features: tuple[FeatureProfile, ...]
    sample: dict[str, np.ndarray[Any, Any]] = field(default_factory=dict, compare=False)

    def feature(self, name: str) -> FeatureProfile | None:
        """The feature called ``name``, or None."""
        return next((f for f in self.features if f.name == name), None)

    def metadata(self) -> dict[str, Any]:
        """The JSON form of the profile (numeric points as digests)."""
        meta: dict[str, Any] = {
            "rows": self.rows,
            "features": [f.to_json() for f in self.features],
        }
        if self.sample:
            meta["sample_sha256"] = sample_digest(self.sample)
        return meta

    def digest(self) -> str:
        """SHA-256 of the canonical metadata, which pins every numeric array by its digest."""
        text = json.dumps(self.metadata(), sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _numeric(con: duckdb.DuckDBPyConnection, column: Column, rows: int) -> FeatureProfile:
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
    if finite <= _IN_MEMORY:
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
    )


def _categorical(con: duckdb.DuckDBPyConnection, column: Column, rows: int) -> FeatureProfile:
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
    return FeatureProfile(
        column.name, ColumnKind.categorical, rows, rows, len(categories), categories=categories
    )


def build_profile(
    path: Path, *, ignore: tuple[str, ...] = (), memory_limit: str = "1GB"
) -> Profile:
    """Profile every column of ``path`` except ``ignore`` (one pass to load, then per column)."""
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
            _numeric(con, c, rows) if c.kind is ColumnKind.numeric else _categorical(con, c, rows)
            for c in columns
        )
        sample = _sample(con, columns)
    finally:
        con.close()
    return Profile(rows, features, sample)


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
    return {
        c.name: np.asarray(values, dtype=np.float64)
        if c.kind is ColumnKind.numeric
        else np.asarray(values, dtype=str)
        for c, values in ((c, table[f"c{i}"]) for i, c in enumerate(columns))
    }


def save_profile(profile: Profile, directory: Path) -> Path:
    """Write ``profile`` as ``profile.json`` plus ``points.npz``; returns the JSON's path."""
    directory.mkdir(parents=True, exist_ok=True)
    arrays = {
        f"f{i}": f.points for i, f in enumerate(profile.features) if f.kind is ColumnKind.numeric
    }
    np.savez(directory / "points.npz", **arrays)  # type: ignore[arg-type]
    if profile.sample:
        named = {f"s{i}": profile.sample[f.name] for i, f in enumerate(profile.features)}
        np.savez(directory / "sample.npz", **named)  # type: ignore[arg-type]
    path = directory / "profile.json"
    meta = profile.metadata() | {"digest": profile.digest()}
    path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_profile(directory: Path) -> Profile:
    """Read a profile written by :func:`save_profile` and check it against its digest."""
    try:
        meta = json.loads((directory / "profile.json").read_text(encoding="utf-8"))
        arrays = np.load(directory / "points.npz")
    except (OSError, ValueError) as error:
        raise MonitoringError(
            f"{directory}: cannot read the baseline ({error})",
            hint="freeze one with `sai monitor baseline --data REF.csv`",
        ) from None
    features = []
    for i, item in enumerate(meta["features"]):
        kind = ColumnKind(item["kind"])
        features.append(
            FeatureProfile(
                item["name"],
                kind,
                item["rows"],
                item["finite"],
                item["distinct"],
                float(item.get("std", 0.0)),
                np.asarray(arrays[f"f{i}"], dtype=np.float64)
                if kind is ColumnKind.numeric
                else np.empty(0),
                {str(k): int(v) for k, v in item.get("categories", {}).items()},
            )
        )
    sample = {}
    if "sample_sha256" in meta:
        try:
            stored = np.load(directory / "sample.npz", allow_pickle=False)
            sample = {f.name: stored[f"s{i}"] for i, f in enumerate(features)}
        except (OSError, ValueError, KeyError) as error:
            raise MonitoringError(
                f"{directory}: cannot read the reference sample ({error})",
                hint="freeze the reference again with `sai monitor baseline`",
            ) from None
    profile = Profile(int(meta["rows"]), tuple(features), sample)
    if profile.digest() != meta.get("digest"):
        raise MonitoringError(
            f"{directory}: the baseline does not match its recorded digest (edited or damaged)",
            hint="freeze the reference again with `sai monitor baseline`",
        )
    return profile


__all__ = [
    "EXACT_VALUES",
    "SAMPLE_ROWS",
    "FeatureProfile",
    "Profile",
    "build_profile",
    "load_profile",
    "save_profile",
]
