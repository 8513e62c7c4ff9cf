"""`sai docs drill`: a tabletop exercise of one incident-plan scenario, with a real restore
rehearsal of the newest snapshot (the inventory's drill), recorded together (5.2.2-5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sai.documents.errors import DocumentsError
from sai.documents.incident import SCENARIOS
from sai.documents.record import record_drill
from sai.documents.sources import Sources
from sai.documents.staleness import status
from sai.errors import SaiError
from sai.inventory import snapshot
from sai.ledger import Entry, Ledger
from sai.ledger.kinds import DocumentDrill
from sai.manifest import Manifest
from sai.workspace import Workspace


def run_drill(
    ledger: Ledger,
    workspace: Workspace,
    manifest: Manifest,
    scenario: str,
    *,
    participants: Sequence[str],
    lessons: str | None,
    actor: str,
    now: dt.datetime,
) -> tuple[Entry, bool]:
    """Rehearse ``scenario`` and a restore; the entry and whether the restore passed."""
    if scenario not in SCENARIOS:
        raise DocumentsError(
            f"unknown scenario {scenario!r}", hint=f"use one of: {', '.join(SCENARIOS)}"
        )
    people = tuple(p.strip() for p in participants if p.strip())
    if not people:
        raise DocumentsError("a drill needs its participants", hint="pass --participant NAME")
    plan = status(Sources(manifest, ledger), "incident-plan")
    if plan.built is None or plan.stale:
        raise DocumentsError(
            "the incident plan is not current", hint="run `sai docs build` before the drill"
        )
    try:
        result, ref = snapshot.drill(ledger, workspace, actor=actor, now=now)
    except SaiError as error:
        raise DocumentsError(
            f"the restore drill could not run: {error.message}",
            hint=error.hint or "create a known-good snapshot with `sai snapshot create`",
        ) from None
    payload = DocumentDrill(
        scenario=scenario,
        participants=people,
        plan_entry=plan.built[0].index,
        restore_entry=ref.index,
        restored=result.ok,
        lessons=lessons or None,
    )
    return record_drill(ledger, payload, manifest.name, actor=actor, now=now), result.ok


__all__ = ["run_drill"]
