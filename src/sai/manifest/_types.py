"""Constrained field types of the manifest schema, each with a message a person can act on.

Validators raise `invalid(...)`, a pydantic error whose context carries a ``hint`` that the
loader shows beside the message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import unicodedata
from typing import Annotated, NoReturn
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError

from sai.catalog import ProvisionId

#: Configuration of every manifest model: unknown keys are errors, values are frozen, and the
#: attribute docstrings are the fields' descriptions.
STRICT_MODEL = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


#: The pydantic error type of every validator in this module.
ERROR_TYPE = "sai_invalid"


def invalid(message: str, hint: str | None = None) -> NoReturn:
    """Fail validation with ``message`` and an optional ``hint`` for the reader."""
    context: dict[str, str] = {"message": message}
    if hint:
        context["hint"] = hint
    raise PydanticCustomError(ERROR_TYPE, "{message}", context)


ONE_OF_PATH_ENDPOINT = (
    "give exactly one of 'path' (a file or folder) and 'endpoint' (a URL)",
    "models on disk take 'path'; models behind an API take 'endpoint'",
)
ONE_OF_URL_DESCRIPTION = (
    "a source needs a 'url' or a 'description'",
    "give the URL the data came from, or describe how it was obtained",
)


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _plain_text(value: str) -> str:
    """Refuse control characters other than tab and newline, and bidi overrides: they can
    disguise text in a terminal or a report, and YAML does not keep some of them as written."""
    for offset, char in enumerate(value):
        if char in "\t\n":
            continue
        if unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI_CONTROLS:
            invalid(
                f"control character U+{ord(char):04X} at position {offset + 1}",
                "remove it; only printable text, tabs and line breaks are allowed",
            )
    return value


def _non_empty(value: str) -> str:
    _plain_text(value)
    if not value.strip():
        invalid("must not be empty", "write a value, or remove the key if it is optional")
    return value


def _single_line(value: str) -> str:
    _non_empty(value)
    if "\n" in value:
        invalid("must be a single line")
    return value


_ASSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def _asset_name(value: str) -> str:
    if not _ASSET_NAME.fullmatch(value):
        invalid(
            f"invalid name {value!r}",
            "use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    return value


_IDENTIFIER = re.compile(r"[a-z][a-z0-9_.-]{0,63}")


def _identifier(value: str) -> str:
    if not _IDENTIFIER.fullmatch(value):
        invalid(
            f"invalid identifier {value!r}",
            "use lower-case letters, digits, '_', '.' or '-', starting with a letter",
        )
    return value


def _path(value: str) -> str:
    _non_empty(value)
    if "\n" in value:
        invalid("a path cannot contain a line break")
    if value.startswith("~"):
        invalid(
            f"'~' is not expanded in {value!r}",
            "write the path relative to the directory of sai.yaml, or as an absolute path",
        )
    return value


def is_valid_path(value: object) -> bool:
    """Whether ``value`` is path text the schema accepts (so the file system may be asked)."""
    try:
        _path(value) if isinstance(value, str) else invalid("not text")
    except PydanticCustomError:
        return False
    return True


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
    invalid(f"not an e-mail address or https URL: {value!r}", hint)


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


PROVISION_PATTERN = re.compile(r"5\.[1-5]\.[1-9]-\d+(\.\d+)?")


def _provision_id(value: ProvisionId) -> ProvisionId:
    if not PROVISION_PATTERN.fullmatch(value):
        invalid(
            f"not a provision id: {value!r}",
            "write the id as in EN 304 223 clause 5, e.g. 5.2.2-6 or 5.1.2-1.1",
        )
    return value


def _sentence(value: str) -> str:
    text = value.strip()
    if len(text) < 20 or " " not in text or text[-1] not in ".!?":
        invalid(
            "a justification must be at least one full sentence: 20 characters or more, "
            "with spaces, ending in '.', '!' or '?'",
            "say why the provision does not apply to this system, e.g. 'We run no cloud "
            "services: the model is served from our own data centre.'",
        )
    return value


def _when(value: object) -> object:
    """Accept dates and datetimes, and ISO 8601 text for either (quoted in YAML); a date-time
    without a zone is taken as UTC, so every date-time compares with every other."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = (
                dt.date.fromisoformat(value)
                if len(value) == 10
                else dt.datetime.fromisoformat(value)
            )
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return value
    invalid(
        f"not a date or date-time: {value!r}",
        "write 2024-05-31 or 2024-05-31T14:00:00Z (ISO 8601)",
    )


def _finite(value: float) -> float:
    if not math.isfinite(value):
        invalid("must be a finite number")
    return value


StrictText = Annotated[str, Strict(), AfterValidator(_plain_text)]
Text = Annotated[str, Strict(), AfterValidator(_non_empty)]
Line = Annotated[str, Strict(), AfterValidator(_single_line)]
AssetName = Annotated[str, Strict(), AfterValidator(_asset_name)]
Identifier = Annotated[str, Strict(), AfterValidator(_identifier)]
RelPath = Annotated[str, Strict(), AfterValidator(_path)]
HttpUrl = Annotated[str, Strict(), AfterValidator(_http_url)]
AnyUrl = Annotated[str, Strict(), AfterValidator(_any_url)]
Email = Annotated[str, Strict(), AfterValidator(_email)]
Contact = Annotated[str, Strict(), AfterValidator(_contact)]
EnvVarName = Annotated[str, Strict(), AfterValidator(_env_var_name)]
Digest = Annotated[str, Strict(), AfterValidator(_digest)]
ProvisionIdText = Annotated[ProvisionId, Strict(), AfterValidator(_provision_id)]
Sentence = Annotated[str, Strict(), AfterValidator(_sentence)]
When = Annotated[dt.datetime | dt.date, BeforeValidator(_when)]
Flag = Annotated[bool, Strict()]
Number = Annotated[float, Strict(), AfterValidator(_finite)]
PositiveNumber = Annotated[float, Strict(), Field(gt=0), AfterValidator(_finite)]
PositiveInt = Annotated[int, Strict(), Field(gt=0)]
Port = Annotated[int, Strict(), Field(ge=1, le=65535)]
