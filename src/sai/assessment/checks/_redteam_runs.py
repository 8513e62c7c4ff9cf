"""The red-team runs the checks judge, and the version the system runs now (ledger and manifest).

Private to `sai.assessment.checks.redteam` and `sai.assessment.checks.redteam_coverage`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import Kind, PayloadError, RedteamRun
from sai.redteam.binding import Binding, policy_digest
from sai.redteam.gate import staleness
from sai.redteam.record import KIND

RUN = "`sai redteam run --target ... --model ... --out DIR` in the workspace"


def binding_now(ctx: CheckContext, entry: Entry) -> Binding:
    """The running version for what ``entry`` tested, from the manifest and the ledger."""
    recorded = Binding.from_json(entry.evidence.data.get("binding") or {})
    manifest = ctx.manifest
    spec = next((m for m in manifest.models if m.name == recorded.model_asset), None)
    digest = recorded.model_digest
    if recorded.model_asset and any(
        e.index > entry.index
        for e in ctx.evidence.query(kind=Kind.ASSET_CHANGED, subject=recorded.model_asset)
    ):
        digest = "changed after the run"
    version, prompt_digest = recorded.prompt_version, recorded.prompt_digest
    if recorded.prompt_name:
        latest = ctx.evidence.latest(kind=Kind.PROMPT_VERSION, subject=recorded.prompt_name)
        if latest is not None:
            version = int(latest.evidence.data.get("version", 0))
            prompt_digest = str(latest.evidence.data.get("digest"))
    return Binding(
        target=recorded.target,
        model_asset=recorded.model_asset,
        model_digest=digest,
        model_version=spec.version if spec is not None else None,
        prompt_name=recorded.prompt_name,
        prompt_version=version,
        prompt_digest=prompt_digest,
        gateway_policy=policy_digest(manifest),
    )


def current_runs(ctx: CheckContext) -> tuple[list[Entry], list[str]]:
    """The newest LLM run and newest classic run per ``redteam.classic`` model, and the reasons
    any of them is stale (empty when all are current)."""
    entries = ctx.evidence.query(kind=KIND, descending=True)
    chosen: list[Entry] = []
    llm = [e for e in entries if e.evidence.data.get("kind", "llm") == "llm"]
    if llm:
        chosen.append(llm[0])
    for spec in ctx.manifest.redteam.classic:
        runs = [
            e
            for e in entries
            if e.evidence.data.get("kind") == "classic"
            and (e.evidence.data.get("binding") or {}).get("model_asset") == spec.model
        ]
        if runs:
            chosen.append(runs[0])
    policy = ctx.manifest.redteam.gate
    stale = []
    for entry in chosen:
        try:
            RedteamRun.from_evidence(entry.evidence)
        except PayloadError as error:
            stale.append(f"entry {entry.index} is malformed ({error.diagnostics()})")
            continue
        stale += staleness(entry, binding_now(ctx, entry), policy, ctx.now)
    return chosen, stale


def judged(runs: Sequence[Entry], categories: Sequence[str]) -> dict[str, int]:
    """How many attempts (or attacks) of each category the runs judged."""
    counts = dict.fromkeys(categories, 0)
    for entry in runs:
        data = entry.evidence.data
        for name, rate in (data.get("rates") or {}).items():
            if name in counts:
                counts[name] += int(rate.get("total", 0))
        for attack in data.get("attacks") or []:
            if attack.get("category") in counts:
                counts[attack["category"]] += 1
    return counts


class RedteamCheck(Check):
    """The base of the red-team checks: find current runs, or say what to run."""

    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.REDTEAM_RUN,
        Kind.PROMPT_VERSION,
        Kind.ASSET_CHANGED,
    )

    def runs(
        self, provision: Provision, ctx: CheckContext
    ) -> tuple[list[Entry], CheckResult | None]:
        runs, stale = current_runs(ctx)
        used = [ctx.manifest_entry, *(e.index for e in runs)]
        if not runs:
            return runs, self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no red-team run is recorded; run {RUN}",
                [ctx.manifest_entry],
            )
        if stale:
            return runs, self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest red-team runs are stale ({listing(stale, 3)}); test again with {RUN}",
                used,
            )
        return runs, None


__all__ = ["RUN", "RedteamCheck", "binding_now", "current_runs", "judged"]
