"""The pydantic schema: every field's good and bad values, and the model helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pydantic
import pytest

from sai.catalog import Role
from sai.manifest import GatewaySpec, Manifest, ModelFormat
from sai.manifest._types import looks_like_secret
from tests.manifest._data import full, minimal


def _set(data: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """Set a dotted path (``models.0.path``) in ``data``; the value DELETE removes the key."""
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is DELETE:
        del node[int(last) if last.isdigit() else last]
    elif last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return data


DELETE = object()


def _errors(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    try:
        Manifest.model_validate(data)
    except pydantic.ValidationError as error:
        return [(e["loc"], e["type"]) for e in error.errors()]
    return []


class TestValidManifests:
    def test_minimal(self) -> None:
        manifest = Manifest.model_validate(minimal())
        assert manifest.models == []
        assert manifest.gateway == GatewaySpec()
        assert manifest.upstream is None

    def test_full(self) -> None:
        manifest = Manifest.model_validate(full())
        assert manifest.models[0].format is ModelFormat.joblib
        assert manifest.models[0].card is not None
        assert manifest.models[0].card.metrics == {"roc_auc": 0.91, "accuracy": 1.0}
        assert manifest.datasets[0].sources[0].retrieved == dt.date(2024, 5, 31)
        assert manifest.roles == [Role.developer, Role.system_operator, Role.data_custodian]

    def test_naive_datetime_is_utc(self) -> None:
        data = full()
        data["datasets"][0]["sources"][0]["retrieved"] = dt.datetime(2024, 1, 2, 3, 4)
        manifest = Manifest.model_validate(data)
        assert manifest.datasets[0].sources[0].retrieved == dt.datetime(
            2024, 1, 2, 3, 4, tzinfo=dt.UTC
        )

    def test_quoted_date_is_a_date(self) -> None:
        data = full()
        data["datasets"][0]["sources"][0]["retrieved"] = "2024-01-02"
        manifest = Manifest.model_validate(data)
        assert manifest.datasets[0].sources[0].retrieved == dt.date(2024, 1, 2)

    def test_gateway_defaults(self) -> None:
        gateway = Manifest.model_validate(minimal()).gateway
        assert (gateway.host, gateway.port) == ("127.0.0.1", 8787)
        assert gateway.policies.max_body_bytes == 1_048_576
        assert gateway.policies.requests_per_minute == 60
        assert gateway.policies.max_tokens is None
        assert gateway.policies.review_on == []

    def test_models_are_frozen(self) -> None:
        manifest = Manifest.model_validate(minimal())
        with pytest.raises(pydantic.ValidationError):
            manifest.name = "other"  # type: ignore[misc]


GOOD_VALUES = [
    ("description", "Several\nlines are fine here."),
    ("prohibited_uses", []),
    ("roles", ["end_user"]),
    ("roles", ["developer", "system_operator", "data_custodian", "end_user"]),
    ("models.0.path", "models"),
    ("models.0.format", "safetensors"),
    ("models.0.source", "org/model-name"),
    ("models.0.version", None),
    ("models.0.trained_on", []),
    ("models.0.card", None),
    ("models.0.card.metrics", {}),
    ("models.1.endpoint", "http://127.0.0.1:8000/v1"),
    ("datasets.0.sources.0.url", "s3://bucket/key.parquet"),
    ("datasets.0.sources.0.url", "hf://datasets/org/name"),
    ("datasets.0.sources.0.retrieved", dt.date(2024, 1, 2)),
    ("datasets.0.sources.0.retrieved", dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.UTC)),
    ("datasets.0.sources.0.retrieved", "2024-01-02T03:04:05Z"),
    ("datasets.0.sources.0.digest", "sha512:" + "0" * 128),
    ("datasets.0.sources.0.digest", "sha384:" + "f" * 96),
    ("datasets.0.sources", []),
    ("upstream", None),
    ("upstream.api_key_env", "OPENAI_API_KEY"),
    ("upstream.api_key_env", "_my_key_2"),
    ("upstream.timeout_seconds", 0.5),
    ("gateway.port", 1),
    ("gateway.port", 65535),
    ("gateway.policies.requests_per_minute", None),
    ("people.security_contact", "mailto:sec@bank.test"),
    ("people.security_contact", "psirt@bank.test"),
    ("people.owners.0.email", None),
    ("exclusions.0.provision", "5.1.2-1.1"),
    ("exclusions.0.provision", "5.5.1-2"),
    ("exclusions.0.justification", "  Not used: the model never leaves our premises!  "),
    ("exclusions", []),
]


@pytest.mark.parametrize(("path", "value"), GOOD_VALUES)
def test_good_value(path: str, value: object) -> None:
    assert _errors(_set(full(), path, value)) == []


BAD_VALUES = [
    ("version", 2, ("version",)),
    ("version", "1", ("version",)),
    ("version", True, ("version",)),
    ("version", 1.0, ("version",)),
    ("version", DELETE, ("version",)),
    ("name", "", ("name",)),
    ("name", "   ", ("name",)),
    ("name", "two\nlines", ("name",)),
    ("name", 42, ("name",)),
    ("intended_use", "", ("intended_use",)),
    ("intended_use", DELETE, ("intended_use",)),
    ("prohibited_uses", "not a list", ("prohibited_uses",)),
    ("prohibited_uses", [""], ("prohibited_uses", 0)),
    ("roles", [], ("roles",)),
    ("roles", ["operator"], ("roles", 0)),
    ("roles", "developer", ("roles",)),
    ("models", {"name": "x"}, ("models",)),
    ("models.0.name", "has space", ("models", 0, "name")),
    ("models.0.name", "-leading-dash", ("models", 0, "name")),
    ("models.0.name", "x" * 101, ("models", 0, "name")),
    ("models.0.path", "", ("models", 0, "path")),
    ("models.0.path", "~/models/x", ("models", 0, "path")),
    ("models.0.path", "a\x00b", ("models", 0, "path")),
    ("models.0.path", DELETE, ("models", 0)),
    ("models.0.endpoint", "https://both.test", ("models", 0)),
    ("models.0.format", "tensorflow", ("models", 0, "format")),
    ("models.0.format", DELETE, ("models", 0, "format")),
    ("models.0.source", DELETE, ("models", 0, "source")),
    ("models.0.confidential", "yes", ("models", 0, "confidential")),
    ("models.0.confidential", 1, ("models", 0, "confidential")),
    ("models.0.trained_on", ["bad name"], ("models", 0, "trained_on", 0)),
    ("models.0.card.metrics", {"auc": "high"}, ("models", 0, "card", "metrics", "auc")),
    ("models.0.card.metrics", {"auc": float("nan")}, ("models", 0, "card", "metrics", "auc")),
    ("models.0.card.colour", "blue", ("models", 0, "card", "colour")),
    ("models.1.endpoint", "ftp://x.test", ("models", 1, "endpoint")),
    ("models.1.endpoint", "not a url", ("models", 1, "endpoint")),
    ("datasets.0.path", DELETE, ("datasets", 0, "path")),
    ("datasets.0.sources.0.url", "no-scheme.test/x", ("datasets", 0, "sources", 0, "url")),
    ("datasets.0.sources.1.description", DELETE, ("datasets", 0, "sources", 1)),
    ("datasets.0.sources.0.retrieved", "yesterday", ("datasets", 0, "sources", 0, "retrieved")),
    ("datasets.0.sources.0.retrieved", 20240102, ("datasets", 0, "sources", 0, "retrieved")),
    ("datasets.0.sources.0.digest", "sha256:abc", ("datasets", 0, "sources", 0, "digest")),
    ("datasets.0.sources.0.digest", "AB" * 32, ("datasets", 0, "sources", 0, "digest")),
    ("datasets.0.sources.0.digest", "sha256:" + "AB" * 32, ("datasets", 0, "sources", 0, "digest")),
    ("datasets.0.sources.0.digest", "md5:" + "0" * 32, ("datasets", 0, "sources", 0, "digest")),
    ("prompts.0.path", DELETE, ("prompts", 0, "path")),
    ("configs.0.purpose", 3, ("configs", 0, "purpose")),
    ("upstream.base_url", "api.bank.test", ("upstream", "base_url")),
    ("upstream.base_url", DELETE, ("upstream", "base_url")),
    ("upstream.api_key_env", "sk-proj-abcdefghijklmnop", ("upstream", "api_key_env")),
    ("upstream.api_key_env", "AKIAABCDEFGHIJKLMNOP", ("upstream", "api_key_env")),
    ("upstream.api_key_env", "aB3dE5gH7jK9mN1pQ3sT5vW", ("upstream", "api_key_env")),
    ("upstream.api_key_env", "MY-KEY", ("upstream", "api_key_env")),
    ("upstream.api_key_env", "1KEY", ("upstream", "api_key_env")),
    ("upstream.timeout_seconds", 0, ("upstream", "timeout_seconds")),
    ("upstream.timeout_seconds", float("inf"), ("upstream", "timeout_seconds")),
    ("gateway.port", 0, ("gateway", "port")),
    ("gateway.port", 65536, ("gateway", "port")),
    ("gateway.port", "8787", ("gateway", "port")),
    ("gateway.port", 80.0, ("gateway", "port")),
    ("gateway.policies.max_body_bytes", 0, ("gateway", "policies", "max_body_bytes")),
    ("gateway.policies.max_tokens", -1, ("gateway", "policies", "max_tokens")),
    ("gateway.policies.review_on", ["Prompt Injection"], ("gateway", "policies", "review_on", 0)),
    ("gateway.policies.burst", 3, ("gateway", "policies", "burst")),
    ("people.owners", [], ("people", "owners")),
    ("people.owners.0.name", "", ("people", "owners", 0, "name")),
    ("people.owners.0.email", "not-an-address", ("people", "owners", 0, "email")),
    ("people.security_contact", "http://bank.test/security", ("people", "security_contact")),
    ("people.security_contact", "call us", ("people", "security_contact")),
    ("people.security_contact", DELETE, ("people", "security_contact")),
    ("exclusions.0.provision", "5.2.2", ("exclusions", 0, "provision")),
    ("exclusions.0.provision", "5.6.1-1", ("exclusions", 0, "provision")),
    ("exclusions.0.provision", "4.1.1-1", ("exclusions", 0, "provision")),
    ("exclusions.0.provision", 5.2, ("exclusions", 0, "provision")),
    ("exclusions.0.justification", "n/a", ("exclusions", 0, "justification")),
    ("exclusions.0.justification", "Not applicable to us", ("exclusions", 0, "justification")),
    ("exclusions.0.justification", "Notapplicabletousatall.", ("exclusions", 0, "justification")),
    ("unknown_top_level", 1, ("unknown_top_level",)),
]


@pytest.mark.parametrize(("path", "value", "loc"), BAD_VALUES)
def test_bad_value(path: str, value: object, loc: tuple[Any, ...]) -> None:
    errors = _errors(_set(full(), path, value))
    assert loc in [error_loc for error_loc, _ in errors], errors


class TestSecretDetection:
    @pytest.mark.parametrize(
        "value",
        ["sk-abc123", "ghp_abcdefghijklmnopqrstuvwxyz012345", "AIzaSyA-123", "eyJhbGciOi"],
    )
    def test_secrets(self, value: str) -> None:
        assert looks_like_secret(value)

    @pytest.mark.parametrize("value", ["OPENAI_API_KEY", "HF_TOKEN", "MyKey", "SK_NAME"])
    def test_names(self, value: str) -> None:
        assert not looks_like_secret(value)


class TestHelpers:
    def test_assets_in_order(self) -> None:
        manifest = Manifest.model_validate(full())
        names = [asset.name for asset in manifest.assets()]
        assert names == ["scorer", "chat", "loans", "system-prompt", "guards"]

    def test_asset_lookup(self) -> None:
        manifest = Manifest.model_validate(full())
        assert manifest.asset("loans") is manifest.datasets[0]
        assert manifest.asset("nope") is None

    def test_holds(self) -> None:
        manifest = Manifest.model_validate(full())
        assert manifest.holds(Role.developer)
        assert manifest.holds("system_operator")
        assert not manifest.holds(Role.end_user)

    def test_excluded(self) -> None:
        manifest = Manifest.model_validate(full())
        exclusion = manifest.excluded("5.2.2-6")
        assert exclusion is not None
        assert exclusion.justification.startswith("We use no cloud")
        assert manifest.excluded("5.2.2-5") is None

    def test_json_schema_is_available(self) -> None:
        schema = Manifest.model_json_schema()
        assert schema["additionalProperties"] is False
        assert "intended_use" in schema["required"]
