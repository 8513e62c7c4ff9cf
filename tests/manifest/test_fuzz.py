"""Property tests: no input makes validation raise, and valid manifests survive YAML."""

from __future__ import annotations

import datetime as dt
import os
import string
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.catalog import Role, load_catalog
from sai.manifest import (
    Manifest,
    ManifestError,
    ModelFormat,
    Problem,
    dump_manifest,
    load_manifest_bytes,
    validate_manifest,
)
from sai.manifest.schema import GuardName
from tests.manifest._data import FULL, full

FIELD_NAMES = sorted(
    {"version", "name", "models", "path", "endpoint", "format", "trained_on", "card", "metrics"}
    | set(FULL)
    | set(FULL["models"][0])
    | set(FULL["datasets"][0]["sources"][0])
    | set(FULL["gateway"]["policies"])
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.dates()
    | st.sampled_from(["developer", "joblib", "5.2.2-6", "https://x.test", "models/x"])
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=30,
)


def _mutated(data: Any, path: list[int], replacement: Any) -> Any:
    """``data`` with the node chosen by ``path`` (indices into children) replaced."""
    if not path or not isinstance(data, dict | list) or not data:
        return replacement
    keys = list(data) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path[0] % len(keys)]
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[key] = _mutated(data[key], path[1:], replacement)  # type: ignore[index]
    return copy


def _assert_problems(problems: object, text_lines: int) -> None:
    assert isinstance(problems, tuple)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.message
        if problem.line is not None:
            assert 1 <= problem.line <= text_lines + 1


FUZZ = settings(
    max_examples=int(os.environ.get("SAI_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


class TestNeverRaises:
    @FUZZ
    @given(data=st.binary(max_size=400))
    def test_arbitrary_bytes(self, tmp_path: Path, data: bytes) -> None:
        path = tmp_path / "sai.yaml"
        path.write_bytes(data)
        _assert_problems(validate_manifest(path), data.count(b"\n") + 1)

    @FUZZ
    @given(text=st.text(max_size=400))
    def test_arbitrary_text(self, tmp_path: Path, text: str) -> None:
        path = tmp_path / "sai.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _assert_problems(validate_manifest(path), text.count("\n") + 1)

    @FUZZ
    @given(text=st.text(alphabet="abc:-[]{}&*!|>'\"#\n ,?.1\t", max_size=200))
    def test_yaml_punctuation(self, tmp_path: Path, text: str) -> None:
        path = tmp_path / "sai.yaml"
        path.write_text(text, encoding="utf-8")
        _assert_problems(validate_manifest(path), text.count("\n") + 1)

    @FUZZ
    @given(document=documents)
    def test_arbitrary_documents(self, tmp_path: Path, document: Any) -> None:
        text = yaml.safe_dump(document, allow_unicode=True)
        path = tmp_path / "sai.yaml"
        path.write_text(text, encoding="utf-8")
        _assert_problems(validate_manifest(path), text.count("\n") + 1)

    @FUZZ
    @given(path=st.lists(st.integers(0, 20), max_size=5), replacement=documents)
    def test_mutated_manifests(self, tmp_path: Path, path: list[int], replacement: Any) -> None:
        text = yaml.safe_dump(_mutated(full(), path, replacement), allow_unicode=True)
        _assert_problems(validate_manifest(_write(tmp_path, text)), text.count("\n") + 1)

    @FUZZ
    @given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
    def test_loading_raises_only_manifest_error(self, tmp_path: Path, data: bytes) -> None:
        problems: tuple[Problem, ...] = ()
        try:
            loaded = load_manifest_bytes(data, path=tmp_path / "sai.yaml")
        except ManifestError as error:
            problems = error.problems
        else:
            assert isinstance(loaded.manifest, Manifest)
            return
        assert any(p.is_error for p in problems)


def _write(root: Path, text: str) -> Path:
    path = root / "sai.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- valid manifests -----------------------------------------------------------------------

asset_names = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,15}", fullmatch=True)
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_printable = st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"], exclude_characters=_BIDI)
lines = st.text(alphabet=_printable, min_size=1).filter(str.strip)
free_text = st.text(
    alphabet=st.characters(
        exclude_categories=["Cs", "Cc", "Zl", "Zp"],
        exclude_characters=_BIDI,
        include_characters="\n\t",
    )
)
texts = free_text.filter(str.strip)
https_urls = st.from_regex(r"https://[a-z]{1,10}\.test(/[a-z0-9]{1,8}){0,2}", fullmatch=True)
env_names = st.from_regex(r"[A-Z_][A-Z0-9_]{0,15}", fullmatch=True)
sentences = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(st.text(alphabet=string.ascii_letters, min_size=3, max_size=8), min_size=5),
    st.sampled_from(".!?"),
)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
moments = (
    st.dates() | st.datetimes() | st.datetimes(timezones=offsets, min_value=dt.datetime(2, 1, 1))
)
digests = st.from_regex(r"sha256:[0-9a-f]{64}", fullmatch=True)
finite = st.floats(allow_nan=False, allow_infinity=False)
positive = st.integers(1, 10**9)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


sources = st.fixed_dictionaries(
    {"url": https_urls},
    optional={
        "description": texts,
        "retrieved": moments,
        "licence": lines,
        "digest": digests,
    },
)
cards = st.fixed_dictionaries(
    {},
    optional={
        "description": free_text,
        "limitations": st.lists(texts, max_size=3),
        "metrics": st.dictionaries(lines, finite, max_size=3),
        "licence": lines,
    },
)


@st.composite
def manifests(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(asset_names, max_size=8, unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, len(names)), min_size=3, max_size=3)))
    model_names, dataset_names = names[: cuts[0]], names[cuts[0] : cuts[1]]
    prompt_names, config_names = names[cuts[1] : cuts[2]], names[cuts[2] :]
    datasets = [
        {
            "name": name,
            "path": f"files/{name}",
            "confidential": draw(st.booleans()),
            "owner": draw(_optional(lines)),
            "sources": draw(st.lists(sources, max_size=2)),
        }
        for name in dataset_names
    ]
    models = []
    for name in model_names:
        where = draw(st.sampled_from([{"path": f"files/{name}"}, {"endpoint": draw(https_urls)}]))
        models.append(
            {
                "name": name,
                **where,
                "format": draw(st.sampled_from(list(ModelFormat))).value,
                "source": draw(lines),
                "version": draw(_optional(lines)),
                "trained_on": draw(st.lists(st.sampled_from(dataset_names), unique=True))
                if dataset_names
                else [],
                "card": draw(_optional(cards)),
            }
        )
    provisions = load_catalog().ids
    exclusions = draw(st.lists(st.sampled_from(provisions), unique=True, max_size=3))
    scanner_lists = st.lists(st.sampled_from([s.value for s in GuardName]), max_size=3)
    return {
        "version": 1,
        "name": draw(lines),
        "description": draw(free_text),
        "intended_use": draw(texts),
        "prohibited_uses": draw(st.lists(texts, max_size=2)),
        "roles": [r.value for r in draw(st.lists(st.sampled_from(Role), min_size=1, unique=True))],
        "models": models,
        "datasets": datasets,
        "prompts": [
            {"name": n, "path": f"files/{n}", "purpose": draw(free_text)} for n in prompt_names
        ],
        "configs": [{"name": n, "path": f"files/{n}"} for n in config_names],
        "upstream": draw(
            _optional(
                st.fixed_dictionaries(
                    {"base_url": https_urls},
                    optional={
                        "api_key_env": env_names,
                        "model": lines,
                        "timeout_seconds": st.floats(0.001, 1e6),
                    },
                )
            )
        ),
        "gateway": {
            "host": draw(st.sampled_from(["127.0.0.1", "localhost", "gw.internal"])),
            "port": draw(st.integers(1, 65535)),
            "policies": {
                "max_body_bytes": draw(positive),
                "max_tokens": draw(_optional(positive)),
                "requests_per_minute": draw(_optional(positive)),
                "review_on": draw(scanner_lists),
            },
        },
        "guards": {
            "input": draw(scanner_lists),
            "output": draw(st.just(["leakage"]) | scanner_lists),
            "routes": {
                "chat": {"output": ["leakage", *draw(scanner_lists)]},
                "embeddings": {"input": draw(scanner_lists), "output": []},
            },
            "roles": {
                name: {"add_input": draw(scanner_lists), "scanners": {"pii": {"threshold": 0.5}}}
                for name in draw(st.lists(st.sampled_from(["user", "admin"]), unique=True))
            },
            "canary": draw(st.booleans()),
        },
        "people": {
            "owners": [{"name": draw(lines), "email": draw(_optional(st.just("a@b.test")))}],
            "security_contact": draw(st.sampled_from(["psirt@b.test", "https://b.test/sec"])),
        },
        "exclusions": [{"provision": p, "justification": draw(sentences)} for p in exclusions],
    }


class TestRoundTrip:
    @settings(max_examples=int(os.environ.get("SAI_FUZZ_EXAMPLES", "150")), deadline=None)
    @given(data=manifests())
    def test_schema_round_trip(self, data: dict[str, Any]) -> None:
        manifest = Manifest.model_validate(data)
        again = Manifest.model_validate(yaml.safe_load(dump_manifest(manifest)))
        assert again == manifest

    @FUZZ
    @given(data=manifests())
    def test_loader_round_trip(self, tmp_path: Path, data: dict[str, Any]) -> None:
        manifest = Manifest.model_validate(data)
        files = tmp_path / "files"
        files.mkdir(exist_ok=True)
        for asset in manifest.assets():
            (files / asset.name).touch()
        text = dump_manifest(manifest)
        loaded = load_manifest_bytes(text.encode(), path=tmp_path / "sai.yaml")
        assert loaded.manifest == manifest
