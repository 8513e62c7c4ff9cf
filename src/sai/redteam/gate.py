"""The release gate: the latest recorded runs, held to the policy in ``redteam.gate``.

A run counts only when it is complete, younger than ``max_age_days`` and bound to the version
running now (`Binding.stale_reasons`). The LLM run must keep the worst severity and the
injection success rate under the policy; each model in ``redteam.classic`` needs a current
classic run within the membership, extraction and evasion ceilings. The assessment checks
call the same function, so the gate and `sai assess --fail-on` agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sai.ledger import Entry
from sai.manifest.redteam_spec import GateSeverity, RedteamGateSpec
from sai.redteam.binding import Binding
from sai.redteam.model import Severity


@dataclass(frozen=True)
class GateDecision:
    """``passed`` when nothing is broken or stale; ``stale`` and ``broken`` say why not."""

    broken: tuple[str, ...]
    stale: tuple[str, ...]
    entries: tuple[int, ...]

    @property
    def passed(self) -> bool:
        return not self.broken and not self.stale


def _allowed(worst: str | None, ceiling: GateSeverity) -> bool:
    if worst is None:
        return True
    if ceiling is GateSeverity.none:
        return False
    return Severity(worst).rank <= Severity(ceiling.value).rank


def run_problems(data: Mapping[str, Any], policy: RedteamGateSpec) -> list[str]:
    """How one recorded run breaks the policy (empty: it does not)."""
    problems = []
    worst = data.get("worst_severity")
    if not _allowed(worst, policy.max_severity):
        problems.append(
            f"a {worst} finding exceeds the allowed severity {policy.max_severity.value}"
        )
    success = data.get("injection_success") or {}
    hits, total = int(success.get("hits", 0)), int(success.get("total", 0))
    if total and hits / total > policy.max_injection_success:
        problems.append(
            f"injection success {hits}/{total} exceeds {policy.max_injection_success:.0%}"
        )
    for attack in data.get("attacks") or []:
        metrics = attack.get("metrics", {})
        for key, ceiling, label in (
            ("advantage_bp", policy.max_membership_advantage, "membership advantage"),
            ("agreement_bp", policy.max_extraction_agreement, "extraction agreement"),
            ("success_bp", policy.max_evasion_success, "evasion success"),
        ):
            if key in metrics and metrics[key] / 10_000 > ceiling:
                problems.append(f"{label} {metrics[key] / 100:.1f}% exceeds {ceiling:.0%}")
    return problems


def staleness(
    entry: Entry, current: Binding | None, policy: RedteamGateSpec, now: datetime
) -> list[str]:
    """Why a recorded run no longer speaks for the system (empty: it does)."""
    data = entry.evidence.data
    reasons = []
    if not data.get("complete"):
        reasons.append(f"run {data.get('run_id')} did not finish; resume it with --resume")
    errors, planned = int(data.get("errors", 0)), int(data.get("planned", 0))
    if errors * 10 > planned:
        reasons.append(f"run {data.get('run_id')} could not judge {errors} of {planned} attempts")
    if now - entry.evidence.time > timedelta(days=policy.max_age_days):
        reasons.append(f"run {data.get('run_id')} is older than {policy.max_age_days} days")
    if current is not None:
        reasons += Binding.from_json(data.get("binding") or {}).stale_reasons(current)
    return reasons


def decide(
    runs: Sequence[tuple[Entry, Binding | None]],
    policy: RedteamGateSpec,
    now: datetime,
    *,
    developers: Sequence[str] = (),
) -> GateDecision:
    """Judge the given latest runs (each with the binding that is current for it)."""
    broken: list[str] = []
    stale: list[str] = []
    for entry, current in runs:
        stale += staleness(entry, current, policy, now)
        broken += run_problems(entry.evidence.data, policy)
        tester = entry.evidence.data.get("tester")
        if policy.require_independent and tester in developers:
            broken.append(f"run {entry.evidence.data.get('run_id')} was made by developer {tester}")
    if not runs:
        stale.append("no red-team run is recorded; run `sai redteam run ... --out DIR`")
    return GateDecision(tuple(broken), tuple(stale), tuple(e.index for e, _ in runs))


__all__ = ["GateDecision", "decide", "run_problems", "staleness"]
