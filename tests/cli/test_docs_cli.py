"""`sai docs` through the CLI runner, and the acceptance path for real: build, publish, then
`sai gateway serve` answers security.txt and /notices/ without an API key."""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from sai.cli.app import app
from sai.documents.security_txt import parse_security_txt
from tests.documents._project import MANIFEST, write_project

runner = CliRunner()


def _run(root: Path, *args: str) -> Result:
    result = runner.invoke(app, ["docs", *args, "-w", str(root)])
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def root(workspace_dir: Path) -> Path:
    write_project(workspace_dir)
    return workspace_dir


class TestBuildPublish:
    def test_build_show_publish_and_rebuild(self, root: Path) -> None:
        built = _run(root, "build")
        assert built.exit_code == 0, built.output
        assert "system-card: version 1 built" in built.output
        assert "data-use: version 1 built" in built.output
        assert "reading ease" in built.output
        again = _run(root, "build")
        assert "system-card: version 1 unchanged" in again.output
        pdf = root / "guide.pdf"
        printed = _run(root, "show", "system-card", "--pdf", str(pdf))
        assert printed.exit_code == 0, printed.output
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert _run(root, "show", "--pdf", str(pdf)).exit_code == 2
        shown = _run(root, "show", "user-guide")
        assert shown.exit_code == 0
        assert shown.output.startswith("# Using the system safely")
        published = _run(root, "publish")
        assert published.exit_code == 0, published.output
        assert "security-txt: version 1 at /.well-known/security.txt" in published.output
        listing = json.loads(_run(root, "show", "--format", "json").output)
        assert {row["document"]: row["published"] for row in listing}["incident-plan"] == 1

    def test_publish_before_build_exits_2(self, root: Path) -> None:
        result = _run(root, "publish")
        assert result.exit_code == 2
        assert "has not been built" in result.output
        assert "sai docs build" in result.output

    def test_unknown_document(self, root: Path) -> None:
        result = _run(root, "build", "card")
        assert result.exit_code == 2
        assert "no document called 'card'" in result.output

    def test_a_notice_period_under_the_floor_is_a_manifest_error(self, root: Path) -> None:
        data = copy.deepcopy(MANIFEST)
        data["documents"]["notice_days"] = 3
        (root / "sai.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        result = _run(root, "build")
        assert result.exit_code == 2
        assert "notice_days" in result.output
        assert "7" in result.output

    def test_a_notice_below_the_floor_is_built_with_a_warning(self, root: Path) -> None:
        data = copy.deepcopy(MANIFEST)
        data["documents"]["readability_floor"] = 100
        (root / "sai.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        result = _run(root, "build")
        assert result.exit_code == 0
        assert "warning: below the reading-ease floor of 100: data-use" in result.output

    def test_missing_security_contact_is_a_manifest_error(self, root: Path) -> None:
        data = copy.deepcopy(MANIFEST)
        del data["people"]["security_contact"]
        (root / "sai.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        result = _run(root, "publish")
        assert result.exit_code == 2
        assert "security_contact" in result.output


class TestEvents:
    def test_update_notice(self, root: Path) -> None:
        soon = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
        refused = _run(root, "update-notice", "ticket-classifier", "--date", soon)
        assert refused.exit_code == 2
        assert "shorter than the notice period" in refused.output
        later = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
        done = _run(root, "update-notice", "ticket-classifier", "--date", later)
        assert done.exit_code == 0, done.output
        assert f"update of ticket-classifier on {later} announced" in done.output
        bad = _run(root, "update-notice", "ticket-classifier", "--date", "next week")
        assert bad.exit_code == 2

    def test_ack(self, root: Path) -> None:
        _run(root, "build")
        unknown = _run(root, "ack", "--person", "Ada Builder", "--role", "wizard")
        assert unknown.exit_code == 2
        assert "unknown role 'wizard'" in unknown.output
        done = _run(root, "ack", "--person", "Ada Builder", "--role", "developer")
        assert done.exit_code == 0, done.output
        assert "acknowledged briefing-developer version 1" in done.output

    def test_advisory(self, root: Path) -> None:
        done = _run(
            root, "advisory", "--title", "Leak", "--summary", "It leaks.",
            "--remediation", "Update.", "--model", "assistant", "--severity", "high",
        )  # fmt: skip
        assert done.exit_code == 0, done.output
        assert "advisory SAI-" in done.output

    def test_drill_needs_a_snapshot_then_runs_the_restore(self, root: Path) -> None:
        _run(root, "build")
        args = ("drill", "model-rollback", "--participant", "Otto Runner")
        refused = _run(root, *args)
        assert refused.exit_code == 2
        assert "restore drill could not run" in refused.output
        made = runner.invoke(app, ["snapshot", "create", "-w", str(root)])
        assert made.exit_code == 0, made.output
        stale = _run(root, *args)  # the plan names the newest snapshot: it must be rebuilt
        assert stale.exit_code == 2
        assert "incident plan is not current" in stale.output
        assert "incident-plan: version 2 built" in _run(root, "build").output
        done = _run(root, *args, "--lessons", "Keep the old route for a week.")
        assert done.exit_code == 0, done.output
        assert "restore passed" in done.output
        unknown = _run(root, "drill", "alien-invasion", "--participant", "Otto Runner")
        assert unknown.exit_code == 2
        assert "unknown scenario" in unknown.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(params=["with-models", "documents-only"])
def served(root: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "documents-only":  # no upstream, no local model: documents still served
        data = copy.deepcopy(MANIFEST)
        data["models"] = [m for m in data["models"] if "endpoint" in m]
        data["datasets"] = []
        data["documents"]["justifications"] = []
        (root / "sai.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    assert _run(root, "build").exit_code == 0
    assert _run(root, "publish").exit_code == 0
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sai", "gateway", "serve", "--port", str(port), "-w", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.stderr.read() if process.stderr else b"") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_gateway_serve_answers_security_txt_and_notices_without_a_key(served: str) -> None:
    with urllib.request.urlopen(served + "/.well-known/security.txt", timeout=5) as answer:
        assert answer.headers["content-type"] == "text/plain; charset=utf-8"
        parsed = parse_security_txt(answer.read().decode("utf-8"), now=datetime.now(UTC))
    assert parsed.contact == ("mailto:security@example.com",)
    assert parsed.canonical == ("https://help.example.com/.well-known/security.txt",)
    with urllib.request.urlopen(served + "/notices/", timeout=5) as answer:
        page = answer.read().decode("utf-8")
    for link in ("/notices/data-use", "/notices/user-guide", "/notices/components"):
        assert f'href="{link}"' in page
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(served + "/v1/models", timeout=5)
    assert caught.value.code == 401  # the API still needs a key
