"""Run every sai control on the example system and write the conformance report."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sai.assessment.engine import run_assessment
from sai.assessment.report import write_reports
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.demo.attestations import record_attestations
from sai.demo.example import ACTOR, ExampleSystem, build_example_system
from sai.demo.training import record_training, training_data
from sai.demo.upstream import vet_upstream
from sai.errors import VerificationError
from sai.gateway.predict import ModelGate
from sai.ledger import Ledger, NoteSigner, open_ledger
from sai.manifest import LoadedManifest, load_manifest
from sai.workspace import Workspace, create_workspace

Step = Callable[[str], None]


@dataclass(frozen=True)
class DemoResult:
    """What the demo made and what the assessment concluded."""

    system: ExampleSystem
    report_dir: Path
    overall: Verdict
    counts: dict[str, int]
    ledger_size: int


def _write_boms(ledger: Ledger, loaded: LoadedManifest, out: Path, now: datetime) -> list[str]:
    """CycloneDX always; SPDX 3.0.1 too where its bindings (``sai[spdx]``) are installed."""
    from sai.inventory.bom import bom_from_ledger

    out.mkdir(parents=True, exist_ok=True)
    written = []
    formats: list[tuple[Literal["cyclonedx", "spdx"], str]] = [("cyclonedx", "ai-bom.cdx.json")]
    if importlib.util.find_spec("spdx_python_model") is not None:
        formats.append(("spdx", "ai-bom.spdx.json"))
    for bom_format, name in formats:
        document = bom_from_ledger(ledger, loaded.manifest, now=now, bom_format=bom_format)
        (out / name).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        written.append(name)
    return written


def _retire(
    ledger: Ledger, workspace: Workspace, loaded: LoadedManifest, root: Path, on_step: Step
) -> LoadedManifest:
    """The disposal of a confidential export (returns sai.yaml as it is after: the export is
    listed under ``disposed:``), then of an analyst baseline's own sample key. It runs before
    the threat model is built and reviewed, so that the review covers the sai.yaml the
    assessment reads."""
    from sai.disposal.demo import run_disposal_demo
    from sai.disposal.demo_baseline import run_baseline_sample_demo

    after = run_disposal_demo(
        ledger, workspace, loaded, root / "sai-report", actor=ACTOR, on_step=on_step
    )
    run_baseline_sample_demo(ledger, workspace, after, root, actor=ACTOR, on_step=on_step)
    return after


def _attack_document(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    root: Path,
    clock: Callable[[], datetime],
    on_step: Step,
) -> None:
    """The red team's attacks, then the documents built from what is known by then."""
    on_step("Red team: the chat model raw and behind the gateway, classic-model attacks")
    from sai.demo.documents import run_documents_demo
    from sai.demo.redteam import run_redteam_demo

    run_redteam_demo(ledger, workspace, loaded, root, on_step=on_step)
    # The known-good state changed with the disposal: a fresh snapshot is what a rollback (and
    # the incident drill below) restores; the older one holds an asset whose key is gone.
    from sai.inventory.snapshot import snapshot

    snapshot(ledger, workspace, loaded, actor=ACTOR, name="after-disposal", now=clock())
    on_step("Documents: cards, disclosure, incident plan, notices, advisories, briefings")
    run_documents_demo(ledger, workspace, loaded, actor=ACTOR, clock=clock, on_step=on_step)


def _gateway_and_console(
    ledger: Ledger, loaded: LoadedManifest, on_step: Callable[[str], None]
) -> None:
    on_step("Gateway: normal and hostile traffic through the security gateway")
    from sai.gateway.demo import run_gateway_demo

    run_gateway_demo(ledger, actor=ACTOR, gateway_spec=loaded.manifest.gateway)
    on_step("Console: a reviewer decides a held response in the web console")
    from sai.demo.console import run_console_demo

    run_console_demo(ledger, loaded, actor=ACTOR, on_step=on_step)


def utc_now() -> datetime:
    """The current time in UTC (the demo's default clock)."""
    return datetime.now(UTC)


def _monitor(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    system: ExampleSystem,
    on_step: Callable[[str], None],
    model_gate: ModelGate | None,
) -> None:
    """Monitoring: baseline, a normal and a drifted batch, then an extraction sweep."""
    from sai.demo.monitoring import run_monitoring_demo

    on_step("Monitoring: baseline, a normal and a drifted batch, an extraction sweep")
    found = run_monitoring_demo(
        ledger,
        loaded,
        system.dataset,
        workspace.sai_dir / "monitoring" / "baselines",
        system.root / "sai-report" / "monitoring",
        actor=ACTOR,
        workspace=workspace,
        model_gate=model_gate,
    )
    on_step(
        f"Monitor: drift in {', '.join(found.drifted) or 'nothing'} (normal batch: "
        f"{', '.join(found.normal_drifted) or 'none'}); extraction flagged "
        f"{', '.join(found.flagged_keys) or 'no key'} (the scraper is {found.scraper_key})"
    )
    auc = "not run" if found.drifted_auc is None else f"ROC-AUC {found.drifted_auc:.2f}"
    prompts = {None: "not judged (no sai[ml])", True: "drifted", False: "no drift"}
    on_step(
        f"Monitor: domain classifier on the drifted batch {auc}; reviewer prompts with "
        f"off-topic questions: {prompts[found.prompts_drifted]}; report.md written"
    )


def run_demo(
    root: Path,
    *,
    on_step: Callable[[str], None] = lambda _: None,
    pdf: bool = True,
    clock: Callable[[], datetime] = utc_now,
    model_gate: ModelGate | None = None,
) -> DemoResult:
    """Build the example system in ``root`` (must be new or empty) and run every control.

    ``clock`` is read whenever something is recorded, so every entry carries the time it was
    made (a test may inject a clock; the demo never freezes one time for the whole run).
    ``model_gate`` scans the model before the gateway loads it for ``/v1/predict`` (the CLI
    hands in sai's scanner); without one the monitoring step's predict traffic is refused.
    """
    on_step("Building the example system (data, model, prompt, sai.yaml)")
    system = build_example_system(root, name="credit-risk-demo", now=clock())
    on_step("Creating the .sai workspace and signing key")
    workspace = create_workspace(root, name="credit-risk-demo")
    on_step("Validating sai.yaml")
    loaded = load_manifest(system.manifest)
    with open_ledger(workspace) as ledger:
        on_step("Recording the training of the model on its data in the ledger")
        record_training(ledger, system, clock())
        training_data(ledger, workspace, loaded, on_step, clock)
        on_step("Inventory: recording assets, signing the model, snapshotting known-good state")
        from sai.inventory.demo import run_inventory_demo

        run_inventory_demo(ledger, workspace, loaded, actor=ACTOR, clock=clock, on_step=on_step)
        boms = _write_boms(ledger, loaded, root / "sai-report", clock())
        on_step(f"Wrote the AI-BOM: {', '.join(boms)}")
        on_step("Scanning the model and a planted malicious download in untrusted/")
        from sai.scanning.demo import run_demo_scan

        run_demo_scan(ledger, loaded, root, clock())
        on_step("Guards: measuring the injection detector, checking two model outputs")
        from sai.guards.demo import run_guards_demo

        run_guards_demo(ledger, loaded, clock())
        _gateway_and_console(ledger, loaded, on_step)
        _monitor(ledger, workspace, loaded, system, on_step, model_gate)
        loaded = _retire(ledger, workspace, loaded, root, on_step)
        on_step("Threats: model, risk register, review, exports, and one staleness round")
        from sai.inventory import prompts
        from sai.threats.demo import run_threats_demo

        def change_prompt(name: str, file: Path, moment: datetime) -> object:
            return prompts.set_version(
                ledger, workspace, loaded, name, file, author=ACTOR, now=moment
            )

        run_threats_demo(
            ledger,
            loaded,
            root / "sai-report" / "threats",
            change_prompt=change_prompt,
            actor=ACTOR,
            clock=clock,
            on_step=on_step,
        )
        vet_upstream(ledger, workspace, loaded, clock())
        on_step("Recorded due diligence on the model provider and its contract (demo data)")
        _attack_document(ledger, workspace, loaded, root, clock, on_step)
        on_step("Recording example attestations (marked as demo data)")
        record_attestations(ledger, workspace, clock())
        on_step("Assessing against EN 304 223 and checkpointing the ledger")
        signer = NoteSigner(workspace.settings.key_name, workspace.signing_key())
        outcome = run_assessment(
            ledger,
            loaded,
            load_catalog(),
            actor=ACTOR,
            verifier_key=signer.verifier_key(),
            now=clock(),
        )
        on_step("Verifying the ledger")
        verification = ledger.verify()
        if not verification.ok:
            raise VerificationError(
                "the fresh demo ledger does not verify: " + "; ".join(verification.problems)
            )
        size = ledger.size()
    on_step("Writing report.html, report.pdf, report.json and OSCAL")
    report_dir = root / "sai-report"
    write_reports(outcome.report, report_dir, pdf=pdf)
    counts = {v.value: sum(r.verdict is v for r in outcome.results) for v in Verdict}
    return DemoResult(system, report_dir, outcome.overall, counts, size)


__all__ = ["DemoResult", "run_demo", "utc_now"]
