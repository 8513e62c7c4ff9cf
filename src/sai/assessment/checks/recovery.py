"""Known-good state and recovery checks (5.2.1-3, 5.2.1-3.1) and the prompt change log (5.2.4-3).

Recovery passes on a recent, successful restore drill of a signed snapshot that keeps copies
of the models; the written recovery plan itself is a document outside these checks.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import InventoryScan, Kind, PromptVersion, SnapshotDrill, SnapshotRestored


class RecoveryRehearsed(Check):
    """A signed snapshot exists and a recent drill restored it from tampering."""

    name = "inventory.recovery"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.SNAPSHOT_CREATED,
        Kind.SNAPSHOT_RESTORED,
        Kind.SNAPSHOT_DRILL,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.2.1-3", "5.2.1-3.1")
    freshness = timedelta(days=180)
    sufficiency = (
        "a snapshot by sai and a successful restore drill of it from the last 180 days that "
        "repaired at least one tampering scenario and keeps copies of every model and prompt"
    )

    # NOTE: one return per distinct verdict reason reads better than a table here.
    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:  # noqa: PLR0911
        system = ctx.manifest.name
        made = ctx.evidence.latest(kind=Kind.SNAPSHOT_CREATED, subject=system)
        if made is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no known-good snapshot is recorded; run `sai snapshot create`",
                [ctx.manifest_entry],
            )
        used = [ctx.manifest_entry, made.index]
        restored = ctx.evidence.latest(kind=Kind.SNAPSHOT_RESTORED, subject=system)
        if restored is not None and not SnapshotRestored.from_evidence(restored.evidence).verified:
            return self.result(
                provision,
                Verdict.FAIL,
                f"the latest restore (entry {restored.index}) did not verify; "
                "restore from another snapshot",
                [*used, restored.index],
            )
        drill_entry = ctx.evidence.latest(kind=Kind.SNAPSHOT_DRILL, subject=system)
        if drill_entry is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "recovery has never been rehearsed; run `sai snapshot drill`",
                used,
            )
        used.append(drill_entry.index)
        drill = SnapshotDrill.from_evidence(drill_entry.evidence)
        if not drill.ok:
            problems = list(drill.problems)
            return self.result(
                provision,
                Verdict.FAIL,
                f"the latest restore drill failed: {listing(problems)}",
                used,
            )
        if self.is_stale(drill_entry, ctx.now):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest restore drill is older than {self.freshness.days} "
                "days; run `sai snapshot drill`",
                used,
            )
        if not drill.scenarios:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest restore drill (entry {drill_entry.index}) exercised no tampering "
                "scenario, so it shows nothing; snapshot the models and prompts (without "
                "--reference) and run `sai snapshot drill` again",
                used,
            )
        kinds = set(drill.kinds)
        needed = {"model"} if any(m.path for m in ctx.manifest.models) else set()
        needed |= {"prompt"} if ctx.manifest.prompts else set()
        if needed - kinds:
            return self.result(
                provision,
                Verdict.FAIL,
                f"the drilled snapshot keeps no copy of the {listing(sorted(needed - kinds))}"
                "; create a snapshot without --reference for them",
                used,
            )
        scenarios = len(drill.scenarios)
        return self.result(
            provision,
            Verdict.PASS,
            f"snapshot drill (entry {drill_entry.index}) repaired {scenarios} tampering "
            f"scenarios of {listing(sorted(kinds))} and verified the result",
            used,
        )


class PromptChangesLogged(Check):
    """Every system prompt and configuration is versioned, and no change bypassed the registry."""

    name = "inventory.prompt_log"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.PROMPT_VERSION, Kind.INVENTORY_SCAN)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-3",)
    sufficiency = (
        "a registered version by sai of every prompt and config, and no later inventory scan "
        "seeing a digest other than the active version's (at least one prompt or config)"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        names = [p.name for p in ctx.manifest.prompts] + [c.name for c in ctx.manifest.configs]
        if not names:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml declares no prompts or configs whose changes to log",
                [ctx.manifest_entry],
            )
        scan = ctx.evidence.latest(kind=Kind.INVENTORY_SCAN, subject=ctx.manifest.name)
        scanned = (
            {a.name: a.digest for a in InventoryScan.from_evidence(scan.evidence).assets}
            if scan
            else {}
        )
        used, missing, drifted = [ctx.manifest_entry], [], []
        for name in names:
            version = ctx.evidence.latest(kind=Kind.PROMPT_VERSION, subject=name)
            if version is None:
                missing.append(name)
                continue
            used.append(version.index)
            seen = scanned.get(name)
            active = PromptVersion.from_evidence(version.evidence).digest
            if scan is not None and scan.index > version.index and seen and seen != active:
                drifted.append(name)
                used.append(scan.index)
        if missing and not drifted:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"changes are not logged for: {listing(missing)}; register them "
                "with `sai prompts set NAME FILE`",
                used,
            )
        if drifted:
            return self.result(
                provision,
                Verdict.FAIL,
                f"changed outside the registry (the latest scan differs from the "
                f"active version): {listing(drifted)}; record the change with "
                "`sai prompts set` or roll back",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(names)} prompts and configs are versioned with author, "
            "digest and diff, and match their active version",
            used,
        )


__all__ = ["PromptChangesLogged", "RecoveryRehearsed"]
