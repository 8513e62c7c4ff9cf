"""Manifest field types that name something elsewhere: http(s) and other URLs, e-mail
addresses, security contacts, environment variable names (never a secret itself) and digests."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Strict

from sai.manifest._invalid import invalid, invalid_error


def _http_url(value: str) -> str:
    parts = urlsplit(value) if not any(c.isspace() for c in value) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        invalid(f"not an http(s) URL: {value!r}", "write it like https://api.example.com/v1")
    return value


_ANY_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


def _any_url(value: str) -> str:
    if not _ANY_URL.fullmatch(value):
        invalid(
            f"not a URL: {value!r}",
            "write scheme://location (https://..., s3://..., hf://...); use 'description' "
            "for a source that has no URL",
        )
    return value


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        invalid(f"not an e-mail address: {value!r}", "write it like security@example.com")
    return value


def _contact(value: str) -> str:
    address = value.removeprefix("mailto:")
    if _EMAIL.fullmatch(address):
        return value
    parts = urlsplit(value) if not any(c.isspace() for c in value) else None
    if parts is not None and parts.scheme == "https" and parts.hostname:
        return value
    hint = "give an e-mail address or an https:// page where reports are accepted"
    if parts is not None and parts.scheme == "http":
        hint = "use https://, so reports cannot be read or altered on the way"
    raise invalid_error(f"not an e-mail address or https URL: {value!r}", hint)


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
_SECRET_PREFIX = re.compile(
    r"(sk-|sk_|rk_|pk_live|ghp_|gho_|ghs_|ghu_|github_pat_|glpat-|xox[abprs]-|AIza|eyJ"
    r"|AKIA[0-9A-Z]{12}|ASIA[0-9A-Z]{12}|hf_[A-Za-z0-9]{20})"
)


def looks_like_secret(value: str) -> bool:
    """Whether ``value`` looks like an API key or token rather than a variable's name."""
    if _SECRET_PREFIX.match(value):
        return True
    mixed = any(c.islower() for c in value) and any(c.isupper() for c in value)
    return len(value) >= 20 and mixed and any(c.isdigit() for c in value)


def _env_var_name(value: str) -> str:
    if looks_like_secret(value):
        invalid(
            "this looks like a secret key, not the name of an environment variable",
            "remove the key from the file (and rotate it if the file was shared), put it in "
            "an environment variable and write that variable's name here, e.g. OPENAI_API_KEY",
        )
    if not _ENV_NAME.fullmatch(value):
        invalid(
            f"not an environment variable name: {value!r}",
            "use letters, digits and '_', not starting with a digit, e.g. OPENAI_API_KEY",
        )
    return value


_DIGEST_LENGTHS = {"sha256": 64, "sha384": 96, "sha512": 128}
_DIGEST = re.compile(r"(sha256|sha384|sha512):([0-9a-f]+)")


def _digest(value: str) -> str:
    match = _DIGEST.fullmatch(value)
    if not match or len(match.group(2)) != _DIGEST_LENGTHS[match.group(1)]:
        invalid(
            f"not a digest: {value!r}",
            "write 'sha256:' followed by 64 lower-case hex digits (sha384 and sha512 work too)",
        )
    return value


HttpUrl = Annotated[str, Strict(), AfterValidator(_http_url)]
AnyUrl = Annotated[str, Strict(), AfterValidator(_any_url)]
Email = Annotated[str, Strict(), AfterValidator(_email)]
Contact = Annotated[str, Strict(), AfterValidator(_contact)]
EnvVarName = Annotated[str, Strict(), AfterValidator(_env_var_name)]
Digest = Annotated[str, Strict(), AfterValidator(_digest)]


__all__ = ["AnyUrl", "Contact", "Digest", "Email", "EnvVarName", "HttpUrl", "looks_like_secret"]
