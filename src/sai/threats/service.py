"""The threat-model operations the CLI and the demo run: model, review, provider, contract,
latest.

Each opens nothing itself: it takes the ledger and the loaded manifest, so the same code runs
in `sai threats`, in `sai demo` and in tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sai.ledger import Attachment, Entry, Ledger
from sai.ledger.kinds.threats import ThreatsModel
from sai.manifest import LoadedManifest
from sai.threats.basis import Basis, current_basis
from sai.threats.build import build_system
from sai.threats.errors import ThreatsError
from sai.threats.files import default_project_file
from sai.threats.model import (
    ThreatModel,
    build_threat_model,
    cloud_providers,
    providers_to_vet,
)
from sai.threats.record import (
    latest_model,
    latest_review,
    record_contract,
    record_model,
    record_provider,
    record_review,
)
from sai.threats.staleness import Change, changes_since_review


@dataclass(frozen=True)
class Modelled:
    """A recorded threat model and what changed since the last review."""

    model: ThreatModel
    entry: Entry
    reviewed: Entry | None
    changes: tuple[Change, ...]


def rules_file_for(loaded: LoadedManifest, option: Path | None) -> Path | None:
    """``--rules FILE``, else threats.yaml beside sai.yaml when it exists."""
    return option if option is not None else default_project_file(loaded.root)


def model_system(
    ledger: Ledger,
    loaded: LoadedManifest,
    *,
    rules_file: Path | None,
    actor: str,
    now: dt.datetime,
) -> Modelled:
    """Build and record the threat model; report changes since the last review."""
    model = build_threat_model(loaded, ledger, rules_file=rules_file, now=now)
    entry = record_model(ledger, model, actor=actor)
    reviewed = latest_review(ledger, model.system.name)
    changes = () if reviewed is None else changes_since_review(ledger, reviewed, model.system.name)
    return Modelled(model, entry, reviewed.review if reviewed else None, changes)


def review_model(
    ledger: Ledger,
    loaded: LoadedManifest,
    *,
    rules_file: Path | None,
    by: str,
    note: str | None,
    now: dt.datetime,
) -> Entry:
    """Record a review of the latest threat model, which must match the system on disk."""
    system = loaded.manifest.name
    model = latest_model(ledger, system)
    if model is None:
        raise ThreatsError(
            f"no threat model of {system} is recorded", hint="run `sai threats model` first"
        )
    recorded = Basis.from_part(ThreatsModel.from_evidence(model.evidence).basis)
    differences = current_basis(loaded, rules_file).changes_since(recorded)
    if differences:
        raise ThreatsError(
            f"the system changed after threat model entry {model.index}: " + "; ".join(differences),
            hint="run `sai threats model` again, read it, then review",
        )
    return record_review(ledger, model, by=by, note=note, now=now)


def _known(name: str, known: tuple[str, ...], what: str) -> None:
    """Refuse ``name`` unless it is one of ``known`` (with a "did you mean")."""
    if name in known:
        return
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    listed = ", ".join(known) if known else f"none: sai.yaml names no {what}"
    raise ThreatsError(
        f"{name!r} is not a {what} of this system",
        hint=f"did you mean '{close[0]}'?" if close else f"{what}s: {listed}",
    )


def record_provider_contract(
    ledger: Ledger,
    loaded: LoadedManifest,
    name: str,
    *,
    supports: tuple[str, ...],
    review_by: dt.date,
    attachment: Attachment,
    by: str,
    note: str | None,
    now: dt.datetime,
) -> Entry:
    """Record the contract with cloud provider ``name`` (an upstream host or endpoint)."""
    _known(name, cloud_providers(build_system(loaded.manifest)), "cloud provider")
    return record_contract(
        ledger,
        name,
        supports=supports,
        review_by=review_by,
        attachment=attachment,
        by=by,
        note=note,
        now=now,
    )


def vet_provider(
    ledger: Ledger,
    loaded: LoadedManifest,
    name: str,
    *,
    adheres: str,
    review_by: dt.date,
    attachment: Attachment,
    by: str,
    note: str | None,
    now: dt.datetime,
) -> Entry:
    """Record due diligence on provider ``name`` (an upstream host or an external model)."""
    _known(name, providers_to_vet(build_system(loaded.manifest)), "provider")
    return record_provider(
        ledger,
        name,
        adheres=adheres,
        review_by=review_by,
        attachment=attachment,
        by=by,
        note=note,
        now=now,
    )


def latest_data(ledger: Ledger, system: str) -> tuple[Entry, Mapping[str, Any]]:
    """The latest recorded threat model of ``system`` and its data."""
    entry = latest_model(ledger, system)
    if entry is None:
        raise ThreatsError(
            f"no threat model of {system} is recorded", hint="run `sai threats model` first"
        )
    return entry, entry.evidence.data


__all__ = [
    "Modelled",
    "latest_data",
    "model_system",
    "record_provider_contract",
    "review_model",
    "rules_file_for",
    "vet_provider",
]
