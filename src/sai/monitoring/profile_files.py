"""A profile on disk: ``profile.json`` (metadata and digests), ``points.npz`` (numeric points
and weights) and the domain classifier's rows, checked against the digest.

The rows are ``sample.npz``, or, given a data key, ``sample.sealed``: the same bytes sealed
with AES-256-GCM under that key (``sai.ledger.shreddable.seal_bytes``), bound to the key's
custody name, which ``profile.json`` records as ``sample_key``. Destroying the key (disposal's
crypto-erase) leaves the rows unreadable; the rest of the profile still loads.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from sai.ledger.shreddable import SealedContentError, open_bytes, seal_bytes
from sai.monitoring.data import ColumnKind
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import AGGREGATES, FORMAT, VALUES, FeatureProfile, Profile

#: A data key by its custody name, or None when it no longer exists (destroyed).
KeyLookup = Callable[[str], bytes | None]
SEALED_SAMPLE = "sample.sealed"


def _context(name: str) -> str:
    return f"sai-monitoring-sample\x00{name}"


def save_profile(
    profile: Profile, directory: Path, sample_key: tuple[str, bytes] | None = None
) -> Path:
    """Write ``profile`` as ``profile.json`` plus ``points.npz`` and its sample, sealed under
    ``sample_key`` (custody name, data key) when given; returns the JSON's path."""
    directory.mkdir(parents=True, exist_ok=True)
    arrays = {
        f"f{i}": f.points for i, f in enumerate(profile.features) if f.kind is ColumnKind.numeric
    } | {f"w{i}": f.weights for i, f in enumerate(profile.features) if f.aggregated}
    np.savez(directory / "points.npz", **arrays)  # type: ignore[arg-type]
    extra: dict[str, Any] = {}
    if profile.sample:
        named = {f"s{i}": profile.sample[f.name] for i, f in enumerate(profile.features)}
        if sample_key is None:
            np.savez(directory / "sample.npz", **named)  # type: ignore[arg-type]
        else:
            buffer = io.BytesIO()
            np.savez(buffer, **named)  # type: ignore[arg-type]
            name, key = sample_key
            sealed = seal_bytes(buffer.getvalue(), key, _context(name))
            (directory / SEALED_SAMPLE).write_bytes(sealed)
            extra["sample_key"] = name
    path = directory / "profile.json"
    meta = profile.metadata() | {"digest": profile.digest()} | extra
    path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _sealed_sample(directory: Path, name: str, key: bytes) -> Any:
    try:
        plain = open_bytes((directory / SEALED_SAMPLE).read_bytes(), key, _context(name))
    except (OSError, SealedContentError) as error:
        raise MonitoringError(
            f"{directory}: the sealed reference sample does not open ({error})",
            hint="freeze the reference again with `sai monitor baseline`",
        ) from None
    return np.load(io.BytesIO(plain), allow_pickle=False)


def load_profile(directory: Path, key_of: KeyLookup | None = None) -> Profile:
    """Read a profile written by :func:`save_profile` and check it against its digest.

    A sealed sample is opened with ``key_of(sample_key)``; without that key (none given, or
    destroyed) the profile loads without its sample (``Profile.sealed_sample``)."""
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
    sample, sealed, key_name = {}, None, meta.get("sample_key")
    key = key_of(str(key_name)) if key_name is not None and key_of is not None else None
    if key_name is not None and key is None:
        sealed = meta.get("sample_sha256")
    elif "sample_sha256" in meta:
        try:
            if key_name is not None and key is not None:
                stored = _sealed_sample(directory, str(key_name), key)
            else:
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
        None if key_name is None else str(key_name),
        None if sealed is None else str(sealed),
    )
    if profile.digest() != meta.get("digest"):
        raise MonitoringError(
            f"{directory}: the baseline does not match its recorded digest (edited or damaged)",
            hint="freeze the reference again with `sai monitor baseline`",
        )
    return profile


__all__ = ["SEALED_SAMPLE", "KeyLookup", "load_profile", "save_profile"]
