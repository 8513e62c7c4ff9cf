"""A profile on disk: ``profile.json`` (metadata and digests), ``points.npz`` (numeric points
and weights) and ``sample.npz`` (the domain classifier's rows), checked against the digest."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from sai.monitoring.data import ColumnKind
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import AGGREGATES, FORMAT, VALUES, FeatureProfile, Profile


def save_profile(profile: Profile, directory: Path) -> Path:
    """Write ``profile`` as ``profile.json`` plus ``points.npz``; returns the JSON's path."""
    directory.mkdir(parents=True, exist_ok=True)
    arrays = {
        f"f{i}": f.points for i, f in enumerate(profile.features) if f.kind is ColumnKind.numeric
    } | {f"w{i}": f.weights for i, f in enumerate(profile.features) if f.aggregated}
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
    version = meta.get("format", 1)
    if (
        not isinstance(version, int)
        or version > FORMAT
        or meta.get("form", VALUES)
        not in (
            VALUES,
            AGGREGATES,
        )
    ):
        raise MonitoringError(
            f"{directory}: the baseline is in format {version!r}, which this sai cannot read",
            hint="freeze the reference again with `sai monitor baseline --data REF.csv`",
        )
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
                np.asarray(arrays[f"w{i}"], dtype=np.float64)
                if "weights_sha256" in item
                else np.empty(0),
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
    profile = Profile(
        int(meta["rows"]),
        tuple(features),
        sample,
        meta.get("form", VALUES),
        meta.get("sensitivity"),
    )
    if profile.digest() != meta.get("digest"):
        raise MonitoringError(
            f"{directory}: the baseline does not match its recorded digest (edited or damaged)",
            hint="freeze the reference again with `sai monitor baseline`",
        )
    return profile


__all__ = ["load_profile", "save_profile"]
