"""Constrained field types of the manifest schema, each with a message a person can act on.

Validators raise `invalid(...)` (`sai.manifest._invalid`), a pydantic error whose context
carries a ``hint`` that the loader shows beside the message. The types of addresses and
references (URLs, e-mail, contacts, environment variable names, digests) live in
`sai.manifest._address_types`; this module re-exports them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError

from sai.catalog import ProvisionId
from sai.manifest._address_types import (
    AnyUrl,
    Contact,
    Digest,
    Email,
    EnvVarName,
    HttpUrl,
    looks_like_secret,
)
from sai.manifest._invalid import ERROR_TYPE, invalid, invalid_error

#: Configuration of every manifest model: unknown keys are errors, values are frozen, and the
#: attribute docstrings are the fields' descriptions.
STRICT_MODEL = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


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
    raise invalid_error(
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
ProvisionIdText = Annotated[ProvisionId, Strict(), AfterValidator(_provision_id)]
Sentence = Annotated[str, Strict(), AfterValidator(_sentence)]
When = Annotated[dt.datetime | dt.date, BeforeValidator(_when)]
Flag = Annotated[bool, Strict()]
Number = Annotated[float, Strict(), AfterValidator(_finite)]
PositiveNumber = Annotated[float, Strict(), Field(gt=0), AfterValidator(_finite)]
PositiveInt = Annotated[int, Strict(), Field(gt=0)]
Port = Annotated[int, Strict(), Field(ge=1, le=65535)]


__all__ = [
    "ERROR_TYPE",
    "ONE_OF_PATH_ENDPOINT",
    "ONE_OF_URL_DESCRIPTION",
    "PROVISION_PATTERN",
    "STRICT_MODEL",
    "AnyUrl",
    "AssetName",
    "Contact",
    "Digest",
    "Email",
    "EnvVarName",
    "Flag",
    "HttpUrl",
    "Identifier",
    "Line",
    "Number",
    "Port",
    "PositiveInt",
    "PositiveNumber",
    "ProvisionIdText",
    "RelPath",
    "Sentence",
    "StrictText",
    "Text",
    "When",
    "invalid",
    "is_valid_path",
    "looks_like_secret",
]
