"""Published documents served without a key: only the listed paths, the right types and
headers, HEAD, reloads after a new publication, and the OpenAPI document listing them."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.gateway.public import PublicSite
from tests.gateway.conftest import Harness


def _publish(root: Path, files: dict[str, tuple[str, str, str]], *, notice: bool = False) -> None:
    """Write ``files`` (URL path → (relative file, type, text)) and the index."""
    index = {}
    for path, (rel, kind, text) in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        index[path] = {"file": rel, "type": kind, "summary": f"about {path}", "notice": notice}
    (root / "index.json").write_text(json.dumps({"format": 1, "files": index}), encoding="utf-8")


TXT = "text/plain; charset=utf-8"
HTML = "text/html; charset=utf-8"


class TestSite:
    def test_lists_only_safe_entries(self, tmp_path: Path) -> None:
        (tmp_path / "secret.key").write_text("no", encoding="utf-8")
        _publish(tmp_path, {"/a": ("a.txt", TXT, "A")})
        index = json.loads((tmp_path / "index.json").read_text("utf-8"))
        index["files"].update(
            {
                "/escape": {"file": "../outside.txt", "type": TXT},
                "/key": {"file": "secret.key", "type": "application/octet-stream"},
                "relative": {"file": "a.txt", "type": TXT},
                "/absolute": {"file": "/etc/passwd", "type": TXT},
            }
        )
        (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
        site = PublicSite(tmp_path)
        assert [f.path for f in site.files()] == ["/a"]
        assert site.lookup("/a") == (b"A", TXT)
        for path in ("/escape", "/key", "relative", "/absolute", "/index.json", "/a.txt"):
            assert site.lookup(path) is None

    def test_reloads_when_the_index_changes_and_survives_a_broken_one(self, tmp_path: Path) -> None:
        site = PublicSite(tmp_path)
        assert site.files() == ()
        _publish(tmp_path, {"/a": ("a.txt", TXT, "A")})
        assert site.lookup("/a") == (b"A", TXT)
        _publish(tmp_path, {"/b": ("b.txt", TXT, "Bee")})
        os.utime(tmp_path / "index.json", ns=(1, 1))  # a different stamp even on coarse clocks
        assert site.lookup("/a") is None
        assert site.lookup("/b") == (b"Bee", TXT)
        (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
        assert site.files() == ()

    def test_a_folder_path_answers_without_its_slash(self, tmp_path: Path) -> None:
        _publish(tmp_path, {"/notices/": ("notices/index.html", HTML, "<p>n</p>")})
        assert PublicSite(tmp_path).lookup("/notices") == (b"<p>n</p>", HTML)

    def test_no_folder_serves_nothing(self) -> None:
        assert PublicSite(None).lookup("/.well-known/security.txt") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_index_text_is_read_or_ignored(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    root = tmp_path_factory.mktemp("site")
    (root / "index.json").write_text(text, encoding="utf-8")
    site = PublicSite(root)
    assert all(f.file.is_relative_to(root.resolve()) for f in site.files())


class TestServed:
    def test_served_without_a_key_with_safe_headers(
        self, make_gateway: Callable[..., Harness], tmp_path: Path
    ) -> None:
        site = tmp_path / "public"
        _publish(
            site,
            {
                "/.well-known/security.txt": (".well-known/security.txt", TXT, "Contact: x\n"),
                "/notices/data-use": ("notices/data-use", HTML, "<h1>data</h1>"),
            },
            notice=True,
        )
        harness = make_gateway(public_dir=site)
        with harness.http(role=None) as client:
            answer = client.get("/.well-known/security.txt")
            assert answer.status_code == 200
            assert answer.headers["content-type"] == TXT
            assert answer.headers["x-content-type-options"] == "nosniff"
            assert "default-src 'none'" in answer.headers["content-security-policy"]
            head = client.head("/notices/data-use")
            assert head.status_code == 200
            assert head.content == b""
            assert head.headers["content-length"] == str(len("<h1>data</h1>"))
            assert client.post("/notices/data-use").status_code == 401  # only GET and HEAD
            assert client.get("/notices/unknown").status_code == 401
            schema = client.get("/openapi.json").json()
        public = schema["paths"]["/notices/data-use"]["get"]
        assert public["security"] == []
        assert public["tags"] == ["notices"]
        assert "text/html" in public["responses"]["200"]["content"]
        assert "/v1/chat/completions" in schema["paths"]
        assert harness.entries() == []  # public pages are not audited

    def test_without_published_documents_the_paths_stay_closed(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway()
        with harness.http(role=None) as client:
            assert client.get("/.well-known/security.txt").status_code == 401
            assert "/.well-known/security.txt" not in client.get("/openapi.json").json()["paths"]


def test_a_gateway_with_nothing_to_serve_refuses_to_start(workspace_dir: Path) -> None:
    from sai.gateway.config import config_for
    from sai.gateway.errors import GatewayConfigError
    from sai.gateway.runtime import has_site

    empty = workspace_dir / "public"
    assert not has_site(config_for(None, public_dir=empty))
    _publish(empty, {"/a": ("a.txt", TXT, "A")})
    assert has_site(config_for(None, public_dir=empty))
    from sai.gateway.runtime import build_runtime
    from sai.ledger import open_ledger
    from sai.workspace import open_workspace

    with (
        open_ledger(open_workspace(workspace_dir)) as ledger,
        pytest.raises(GatewayConfigError) as caught,
    ):
        build_runtime(config_for(None), ledger)
    assert "sai docs publish" in (caught.value.hint or "")
