"""Freezing a reference: profile the file, store the profile under ``.sai/monitoring/``, and
record its digest and the source file's digest in the ledger. Runs use the latest baseline
entry and refuse a profile whose digest no longer matches it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sai.ledger import Ledger
from sai.ledger.kinds import Kind, MonitoringBaseline
from sai.manifest import DatasetSpec, LoadedManifest
from sai.monitoring.aggregate import MIN_GROUP
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import AGGREGATES, Profile, form_for
from sai.monitoring.profile_files import KeyLookup, load_profile, save_profile
from sai.monitoring.record import baseline_evidence
from sai.monitoring.reference import build_profile
from sai.monitoring.stattests import default_test


def file_digest(path: Path) -> str:
    """``sha256:`` of the file's bytes, read in 1 MiB pieces."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return "sha256:" + sha.hexdigest()


def _dataset_at(loaded: LoadedManifest, path: Path) -> DatasetSpec | None:
    target = path.resolve()
    for dataset in loaded.manifest.datasets:
        where = loaded.resolve(dataset.path).resolve()
        if target == where or where in target.parents:
            return dataset
    return None


def sensitivity_of(loaded: LoadedManifest, path: Path) -> str | None:
    """The sensitivity class sai.yaml gives the dataset at ``path`` (a dataset's file, or a
    file inside a dataset's folder); None when no dataset holds it or it is unclassified."""
    dataset = _dataset_at(loaded, path)
    found = dataset.effective_sensitivity if dataset is not None else None
    return found.value if found is not None else None


def sample_key_name(loaded: LoadedManifest | None, path: Path) -> str:
    """The custody name of the data key that seals the baseline's row sample: the dataset's
    own (so disposing of the dataset crypto-erases the sample), else ``baseline:`` and the
    first 16 hex digits of the reference file's digest."""
    dataset = _dataset_at(loaded, path) if loaded is not None else None
    if dataset is not None:
        return dataset.name
    return "baseline:" + file_digest(path).removeprefix("sha256:")[:16]


def seals_sample(sensitivity: str | None) -> bool:
    """Whether a baseline of this class keeps a row sample that is sealed (aggregates form
    keeps bands; special-category data keeps no sample at all)."""
    return form_for(sensitivity) == AGGREGATES and sensitivity != "special-category"


def freeze(
    path: Path,
    store: Path,
    ledger: Ledger,
    *,
    actor: str,
    ignore: tuple[str, ...] = (),
    sensitivity: str | None = None,
    sample: bool = True,
    sample_key: tuple[str, bytes] | None = None,
) -> tuple[MonitoringBaseline, int]:
    """Profile ``path`` into ``store/<digest>/`` and append ``monitoring.baseline``.

    ``sensitivity`` is the reference's class (None: unclassified, kept as aggregates);
    special-category data keeps no row sample, and ``sample=False`` keeps none either. An
    aggregates baseline's banded sample is sealed under ``sample_key`` (custody name, data
    key) when given: `sai monitor baseline` always gives it (``seals_sample``).
    """
    keep_rows = sample and sensitivity != "special-category"
    profile = build_profile(path, ignore=ignore, sensitivity=sensitivity, sample=keep_rows)
    digest = profile.digest()
    directory = store / digest.removeprefix("sha256:")[:16]
    sealing = sample_key if profile.form == AGGREGATES else None
    save_profile(profile, directory, sealing)
    payload = MonitoringBaseline(
        baseline_id=digest,
        source=str(path),
        source_digest=file_digest(path),
        rows=profile.rows,
        features=tuple(
            {"name": f.name, "kind": f.kind.value, "test": default_test(f).name}
            for f in profile.features
        ),
        directory=str(directory),
        form=profile.form,
        sensitivity=sensitivity,
        min_group=MIN_GROUP if profile.form == AGGREGATES else None,
        sample_rows=len(next(iter(profile.sample.values()))) if profile.sample else 0,
    )
    ref = ledger.append(baseline_evidence(payload, actor=actor))
    return payload, ref.index


def current_baseline(
    ledger: Ledger, key_of: KeyLookup | None = None
) -> tuple[MonitoringBaseline, Profile]:
    """The latest frozen baseline and its profile (checked against the recorded digest); a
    sealed row sample is opened with ``key_of`` (left out without it)."""
    entry = ledger.latest(kind=Kind.MONITORING_BASELINE, subject="monitoring.baseline")
    if entry is None:
        raise MonitoringError(
            "no baseline is frozen yet",
            hint="freeze the reference first: `sai monitor baseline --data REF.csv`",
        )
    payload = MonitoringBaseline.from_evidence(entry.evidence)
    profile = load_profile(Path(payload.directory), key_of)
    if profile.digest() != payload.baseline_id:
        raise MonitoringError(
            f"the baseline in {payload.directory} is not the one recorded in entry {entry.index}",
            hint="freeze the reference again with `sai monitor baseline`",
        )
    return payload, profile


__all__ = [
    "current_baseline",
    "file_digest",
    "freeze",
    "sample_key_name",
    "seals_sample",
    "sensitivity_of",
]
