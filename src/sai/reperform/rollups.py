"""Gateway roll-ups: recomputed from the request entries of the ledger in the project's folder.

A ``gateway.rollup`` claims what every request entry below its end adds up to. The folder
the auditor was given holds the workspace (``.sai/``) and so the ledger: the re-performer
opens it read-only, makes sure it holds the cited roll-up itself (the same leaf at the same
index, so it is the log the report is bound to), and recomputes every roll-up in one pass
over the request entries. A folder without the ledger leaves the claim unsettled.
"""

from __future__ import annotations

from typing import ClassVar

from sai.errors import SaiError
from sai.ledger import open_ledger
from sai.ledger.entry import Evidence
from sai.ledger.kinds import Kind
from sai.ledger.rollup_log import verify_rollups
from sai.reperform.base import Files, Finding, Outcome, Reperformer
from sai.workspace import WORKSPACE_DIR, open_workspace

_CACHE = "gateway.rollups"


class _Recomputed:
    """What one pass over the given ledger showed: its leaves of the cited roll-ups, and the
    problem of each roll-up that disagrees with the entries (by index)."""

    def __init__(self, leaves: dict[int, bytes], problems: dict[int, str], note: str) -> None:
        self.leaves = leaves
        self.problems = problems
        self.note = note


def _recompute(files: Files) -> _Recomputed:
    if not (files.root / WORKSPACE_DIR).is_dir():
        return _Recomputed({}, {}, f"the folder holds no ledger ({WORKSPACE_DIR}/)")
    try:
        with open_ledger(open_workspace(files.root), read_only=True, cadence=None) as ledger:
            leaves = {
                e.index: e.evidence.leaf_bytes() for e in ledger.query(kind=Kind.GATEWAY_ROLLUP)
            }
            checked = verify_rollups(ledger)
    except SaiError as exc:
        return _Recomputed({}, {}, f"the folder's ledger cannot be read: {exc.message}")
    return _Recomputed(leaves, dict(checked.faults), "")


class GatewayRollups(Reperformer):
    """Recompute cited gateway roll-ups from the request entries they sum up."""

    kinds: ClassVar[frozenset[str]] = frozenset({Kind.GATEWAY_ROLLUP})

    def check(self, index: int, evidence: Evidence, files: Files) -> list[Finding]:
        done = files.cache.get(_CACHE)
        if not isinstance(done, _Recomputed):
            done = _recompute(files)
            files.cache[_CACHE] = done
        if done.note:
            return [self.finding(index, evidence, Outcome.UNSETTLED, done.note)]
        if done.leaves.get(index) != evidence.leaf_bytes():
            return [
                self.finding(
                    index,
                    evidence,
                    Outcome.UNSETTLED,
                    "the folder's ledger does not hold this roll-up at this index: it is not "
                    "the log the report is bound to",
                )
            ]
        if index in done.problems:
            return [self.finding(index, evidence, Outcome.CONTRADICTED, done.problems[index])]
        end = evidence.data.get("end")
        return [
            self.finding(
                index,
                evidence,
                Outcome.CONFIRMED,
                f"recomputed from the gateway.request entries below {end} in the folder's ledger",
            )
        ]


__all__ = ["GatewayRollups"]
