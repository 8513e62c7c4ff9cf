"""Golden files of every document of the fixed project, built at a fixed time (update with
``pytest --update-goldens`` or SAI_UPDATE_GOLDENS=1, then review the diff)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sai.documents import DOCUMENTS, build_documents, publish_documents
from sai.documents.advisory import issue_advisory
from sai.documents.updates import announce
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.threats.service import model_system
from sai.workspace import Workspace
from tests._golden import check_golden
from tests.documents._project import T0

GOLDEN = Path(__file__).parent / "golden"
BUILT = T0 + dt.timedelta(days=1)


@pytest.fixture
def published(ledger: Ledger, loaded: LoadedManifest, workspace: Workspace) -> tuple[Path, Path]:
    model_system(ledger, loaded, rules_file=None, actor="test", now=T0)
    manifest = loaded.manifest
    out, site = workspace.documents_dir, workspace.public_dir
    announce(
        ledger,
        manifest,
        "ticket-classifier",
        dt.date(2026, 4, 1),
        summary="Version 2.2 learns two new queues.",
        actor="test",
        now=BUILT,
    )
    issue_advisory(
        ledger,
        manifest,
        out,
        title="Prompt injection through ticket text",
        severity="high",
        summary="Text in a ticket could steer the assistant's answer.",
        remediation="Update to assistant@1 after 2026-03-05; until then, do not paste tickets.",
        products=["assistant"],
        advisory_id=None,
        actor="test",
        now=BUILT,
    )
    build_documents(ledger, manifest, out, actor="test", now=BUILT)
    publish_documents(ledger, manifest, out, site, actor="test", now=BUILT)
    return out, site


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_document(name: str, published: tuple[Path, Path], request: pytest.FixtureRequest) -> None:
    out, _ = published
    for suffix in ("md", "html"):
        text = (out / name / f"v1.{suffix}").read_text("utf-8")
        check_golden(GOLDEN / f"{name}.{suffix}", text, request.config)


@pytest.mark.parametrize(
    ("path", "golden"),
    [
        (".well-known/security.txt", "security.txt"),
        ("updates.atom", "updates.atom"),
        ("notices/index.html", "notices.html"),
        ("notices/index.json", "notices.json"),
        ("updates/index.html", "updates.html"),
        ("advisories/SAI-2026-001.json", "SAI-2026-001.json"),
        ("index.json", "site-index.json"),
    ],
)
def test_site_file(
    path: str, golden: str, published: tuple[Path, Path], request: pytest.FixtureRequest
) -> None:
    _, site = published
    check_golden(GOLDEN / golden, (site / path).read_text("utf-8"), request.config)


def test_site_index_lists_the_notices(published: tuple[Path, Path]) -> None:
    _, site = published
    files = json.loads((site / "index.json").read_text("utf-8"))["files"]
    notices = sorted(p for p, spec in files.items() if spec["notice"])
    assert notices == [
        "/notices/components",
        "/notices/data-use",
        "/notices/known-risks",
        "/notices/user-guide",
    ]
    assert "/incident-plan" not in json.dumps(files)  # internal documents are not served
