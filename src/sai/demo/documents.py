"""The documents part of `sai demo`: build and publish every document, read the public ones
back through a gateway without a key, record briefings read and a drill, and show a model
update with and without an update notice ahead of it (5.2.3-4)."""

from __future__ import annotations

import shutil
import tempfile
import urllib.request
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType

from sai.assessment.checks import CheckContext
from sai.assessment.checks.documents_events import ModelUpdatesNoticed
from sai.assessment.engine import record_manifest
from sai.catalog import load_catalog
from sai.documents import Sources, build_documents, publish_documents
from sai.documents.advisory import issue_advisory
from sai.documents.awareness import acknowledge
from sai.documents.drill import run_drill
from sai.documents.handover import for_users, handed_over
from sai.documents.security_txt import parse_security_txt
from sai.documents.sources import Used
from sai.documents.updates import announce
from sai.errors import VerificationError
from sai.gateway import create_app, serve_in_thread
from sai.gateway.config import config_for
from sai.inventory import actions
from sai.ledger import Ledger, open_ledger
from sai.manifest import LoadedManifest, load_manifest
from sai.manifest.schema import GuardsSpec
from sai.workspace import Workspace, create_workspace

_PUBLIC = ("/.well-known/security.txt", "/notices/", "/updates.atom")


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - loopback only
        return str(answer.read().decode("utf-8"))


def _serve_and_read(ledger: Ledger, loaded: LoadedManifest, workspace: Workspace) -> list[str]:
    """Start a gateway on loopback and read the public documents without a key."""
    local = {m.name: loaded.resolve(m.path) for m in loaded.manifest.models if m.path}
    config = config_for(
        None,
        gateway=loaded.manifest.gateway,
        guards=GuardsSpec(input=[], output=[]),
        predict_models=MappingProxyType(local),
        public_dir=workspace.public_dir,
    )
    server = serve_in_thread(create_app(config, ledger))
    try:
        pages = {path: _fetch(server.url + path) for path in _PUBLIC}
    finally:
        server.stop()
    parsed = parse_security_txt(pages["/.well-known/security.txt"])
    if "/notices/data-use" not in pages["/notices/"] or "<feed" not in pages["/updates.atom"]:
        raise VerificationError("the gateway did not serve the published notices and feed")
    return [f"security.txt contact {parsed.contact[0]}", *(f"served {p}" for p in _PUBLIC)]


def _timeline(loaded: LoadedManifest, model: str, start: datetime, *, notice: bool) -> str:
    """Replay a model update in a scratch copy of the project and judge it by 5.2.3-4."""
    with tempfile.TemporaryDirectory(prefix="sai-demo-notice-") as scratch:
        root = Path(scratch)
        for rel in ("sai.yaml", "models", "data", "prompts"):
            source = loaded.path.parent / rel
            if source.is_dir():
                shutil.copytree(source, root / rel)
            elif source.exists():
                shutil.copy2(source, root / rel)
        copy = load_manifest(root / "sai.yaml")
        workspace = create_workspace(root, name="notice-timeline")
        with open_ledger(workspace) as ledger:
            actions.take_inventory(ledger, copy, actor="sai-demo", now=start)
            days = copy.manifest.documents.notice_days
            if notice:
                announce(
                    ledger,
                    copy.manifest,
                    model,
                    (start + timedelta(days=days)).date(),
                    summary="A retrained model goes live.",
                    actor="sai-demo",
                    now=start,
                )
            path = actions.local_asset_path(copy, model)
            with path.open("ab") as handle:
                handle.write(b"\x00retrained")
            changed = start + timedelta(days=days + 1)
            actions.take_inventory(ledger, copy, actor="sai-demo", now=changed)
            entry = record_manifest(ledger, copy, actor="sai-demo", now=changed)
            ctx = CheckContext(ledger, copy.manifest, entry, changed)
            result = ModelUpdatesNoticed().run(load_catalog().get("5.2.3-4"), ctx)
    return f"{result.verdict.value}: {result.reason}"


def run_documents_demo(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    *,
    actor: str,
    clock: Callable[[], datetime],
    on_step: Callable[[str], None] = lambda _: None,
) -> None:
    """Run every documents control on the demo system; raise if one does not behave."""
    manifest = loaded.manifest
    model = manifest.models[0].name
    out = workspace.documents_dir
    now = clock()
    announce(
        ledger,
        manifest,
        model,
        (now + timedelta(days=manifest.documents.notice_days)).date(),
        summary="A retrained credit-risk model with recalibrated scores goes live.",
        actor=actor,
        now=now,
    )
    issue_advisory(
        ledger,
        manifest,
        out,
        title="Scores can hint that an application was trained on",
        severity="low",
        summary="Very confident scores are more common for applications in the training data.",
        remediation="Show reviewers rounded scores; the next model version is regularised.",
        products=[model],
        advisory_id=None,
        actor=actor,
        now=clock(),
    )
    built = build_documents(ledger, manifest, out, actor=actor, now=clock())
    on_step(f"Documents: built {len(built)} (cards, policy, incident plan, notices, briefings)")
    threats = Sources(manifest, ledger).threats(Used())
    told = handed_over(threats)
    on_step(
        f"  unresolved risks passed on (5.1.3-2): {sum(len(t['ids']) for t in told)} risks "
        f"({len(told)} threat rules) to operators in their briefing, "
        f"{len(for_users(threats))} kinds of risk to end users in /notices/known-risks"
    )
    for person in manifest.people.owners:
        if person.briefing_role is not None:
            acknowledge(ledger, manifest, person.name, person.briefing_role.value, now=clock())
    people = [p.name for p in manifest.people.owners]
    _, restored = run_drill(
        ledger,
        workspace,
        manifest,
        "model-rollback",
        participants=people,
        lessons="Keep the previous model route open for a week.",
        actor=actor,
        now=clock(),
    )
    if not restored:
        raise VerificationError("the demo's incident drill could not restore the snapshot")
    done = publish_documents(ledger, manifest, out, workspace.public_dir, actor=actor, now=clock())
    on_step(f"Published {len(done)} documents; briefings acknowledged; drill of model-rollback")
    for line in _serve_and_read(ledger, loaded, workspace):
        on_step(f"  gateway, no key: {line}")
    start = clock()
    on_step(f"  update without notice -> {_timeline(loaded, model, start, notice=False)}")
    on_step(f"  update with notice    -> {_timeline(loaded, model, start, notice=True)}")


__all__ = ["run_documents_demo"]
