"""Freezing a text reference and reading it back, in the form the texts' class allows.

Public or internal texts keep one float32 embedding per text (``embeddings.npy``, judged by
the kernel test); any other class, or none, keeps only the embeddings' mean and covariance
(``moments.npz``, judged by the mean-shift test), so no per-text record is stored. The
``monitoring.baseline`` entry (subject ``monitoring.baseline.text``) names the form and pins
the stored arrays by their digest.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from sai.ledger import Ledger
from sai.ledger.kinds import Kind, MonitoringBaseline
from sai.monitoring.aggregate import MIN_GROUP
from sai.monitoring.baseline import file_digest
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import AGGREGATES, VALUES, form_for
from sai.monitoring.record import baseline_evidence
from sai.monitoring.text import SUBJECT, TextSettings, embed, read_texts
from sai.monitoring.text_moments import TextMoments

Array = np.ndarray[Any, Any]


def _values_digest(vectors: Array) -> str:
    return "sha256:" + hashlib.sha256(vectors.tobytes()).hexdigest()


def freeze_text(
    path: Path,
    column: str,
    store: Path,
    ledger: Ledger,
    *,
    actor: str,
    settings: TextSettings,
    sensitivity: str | None = None,
) -> tuple[MonitoringBaseline, int]:
    """Embed a sample of the reference texts, store embeddings or moments, record the digest."""
    vectors = embed(read_texts(path, column, settings.max_texts))
    form = form_for(sensitivity)
    if form == VALUES:
        digest, test = _values_digest(vectors), "mmd"
        directory = store / ("text-" + digest.removeprefix("sha256:")[:16])
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / "embeddings.npy", vectors)
    else:
        moments = TextMoments.of(vectors)
        digest, test = moments.digest(), "mean_shift"
        directory = store / ("text-" + digest.removeprefix("sha256:")[:16])
        moments.save(directory)
    payload = MonitoringBaseline(
        baseline_id=digest,
        source=str(path),
        source_digest=file_digest(path),
        rows=len(vectors),
        features=({"name": f"text:{column}", "kind": "text", "test": test},),
        directory=str(directory),
        form=form,
        sensitivity=sensitivity,
        min_group=MIN_GROUP if form == AGGREGATES else None,
    )
    evidence = baseline_evidence(payload, actor=actor, subject=SUBJECT)
    return payload, ledger.append(evidence).index


def text_baseline(ledger: Ledger) -> tuple[MonitoringBaseline, Array | TextMoments]:
    """The latest text reference: its embeddings or its moments, checked against the entry."""
    entry = ledger.latest(kind=Kind.MONITORING_BASELINE, subject=SUBJECT)
    if entry is None:
        raise MonitoringError(
            "no text baseline is frozen yet",
            hint="freeze one: `sai monitor baseline --text prompts.csv --column text`",
        )
    payload = MonitoringBaseline.from_evidence(entry.evidence)
    directory = Path(payload.directory)
    reference: Array | TextMoments
    if payload.form == AGGREGATES:
        moments = TextMoments.load(directory)
        reference, found = moments, moments.digest()
    elif payload.form == VALUES:
        try:
            vectors = np.load(directory / "embeddings.npy", allow_pickle=False)
        except (OSError, ValueError) as error:
            raise MonitoringError(f"{directory}: cannot read the text baseline ({error})") from None
        reference, found = vectors, _values_digest(vectors)
    else:
        raise MonitoringError(
            f"entry {entry.index}: a text baseline of form {payload.form!r}, which this sai "
            "cannot read",
            hint="freeze it again with `sai monitor baseline --text`",
        )
    if found != payload.baseline_id:
        raise MonitoringError(
            f"{payload.directory}: the text baseline does not match entry {entry.index}",
            hint="freeze it again with `sai monitor baseline --text`",
        )
    return payload, reference


__all__ = ["freeze_text", "text_baseline"]
