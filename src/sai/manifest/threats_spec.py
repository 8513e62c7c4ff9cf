"""The threat-modelling sections of sai.yaml: modalities, retrieval sources, tools, risk appetite.

Split out of `sai.manifest.schema` (which re-exports every name). Tool permissions are text of
the form ``resource:action[:scope]``; `parse_permission` and `permission_flags` are the one
reading of that syntax, shared by the threat model and the least-privilege check.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Strict, model_validator

from sai.manifest._types import STRICT_MODEL, AnyUrl, AssetName, Flag, Line, RelPath, Text, invalid


class _Strict(BaseModel):
    model_config = STRICT_MODEL


class Modality(enum.StrEnum):
    """A kind of input a model takes."""

    text = "text"
    image = "image"
    audio = "audio"
    video = "video"
    tabular = "tabular"


class RiskAppetite(enum.StrEnum):
    """The highest residual risk level the organisation accepts without a named sign-off."""

    low = "low"
    medium = "medium"
    high = "high"


class ToolKind(enum.StrEnum):
    """How the AI reaches a tool; decides which threats apply (e.g. content from outside)."""

    http_api = "http-api"
    function = "function"
    database = "database"
    filesystem = "filesystem"
    shell = "shell"
    browser = "browser"
    email = "email"
    mcp = "mcp"


_SEGMENT = r"(?:[a-z][a-z0-9_.-]*|\*)"
_SCOPE = r"(?:[A-Za-z0-9_.@/-]*\*?|\*)"
_PERMISSION = re.compile(rf"({_SEGMENT}):({_SEGMENT})(?::({_SCOPE}))?")
#: Actions or resources that grant everything: their holder needs no other permission.
ADMIN_WORDS = frozenset({"admin", "all", "full", "manage", "owner", "root", "sudo", "superuser"})
#: Actions that change or send something, rather than read it.
WRITE_WORDS = frozenset(
    {"create", "delete", "drop", "execute", "exec", "post", "publish", "put", "run", "send"}
    | {"transfer", "update", "upload", "write", "pay", "remove", "modify", "invoke"}
)


@dataclass(frozen=True)
class Permission:
    """A parsed ``resource:action[:scope]`` permission."""

    resource: str
    action: str
    scope: str | None

    @property
    def wildcard(self) -> bool:
        """Whether any part is or ends in ``*``."""
        return any(part is not None and part.endswith("*") for part in self.parts())

    @property
    def admin(self) -> bool:
        """Whether the resource or action is an all-powerful word (admin, root, ...) or ``*``."""
        return self.resource in ADMIN_WORDS | {"*"} or self.action in ADMIN_WORDS | {"*"}

    @property
    def writes(self) -> bool:
        """Whether the action changes or sends something (or may: ``*`` and admin words)."""
        return self.action in WRITE_WORDS or self.admin

    def parts(self) -> tuple[str | None, ...]:
        """Resource, action and scope."""
        return (self.resource, self.action, self.scope)


def parse_permission(text: str) -> Permission | None:
    """The permission ``text`` spells, or None when it is not ``resource:action[:scope]``."""
    match = _PERMISSION.fullmatch(text)
    if match is None or match.group(3) == "":
        return None
    return Permission(match.group(1), match.group(2), match.group(3))


def _permission(value: str) -> str:
    if parse_permission(value) is None:
        invalid(
            f"unknown permission syntax {value!r}",
            "write resource:action or resource:action:scope in lower case, e.g. crm:read or "
            "mail:send:support-team ('*' as a whole part or at the end of the scope)",
        )
    return value


PermissionText = Annotated[str, Strict(), AfterValidator(_permission)]

_FUNCTION = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def _function_name(value: str) -> str:
    if _FUNCTION.fullmatch(value) is None:
        invalid(
            f"function name {value!r} is not one a model can call",
            "write the name as the tool definitions give it: 1-64 letters, digits, '_', '-', "
            "'.' or ':'",
        )
    return value


FunctionName = Annotated[str, Strict(), AfterValidator(_function_name)]


class RetrievalSpec(_Strict):
    """Documents or records a model reads at run time (retrieval-augmented generation)."""

    name: AssetName
    """Unique name of the source; tools refer to it in ``reaches``."""
    path: RelPath | None = None
    """Folder or file of the documents, relative to the manifest's directory."""
    url: AnyUrl | None = None
    """Where the documents are read from when they are not files (a search API, a bucket)."""
    untrusted: Flag = False
    """Whether the content comes from outside the organisation (anyone can write it)."""
    confidential: Flag = False
    """Whether the documents are confidential."""

    @model_validator(mode="after")
    def _path_or_url(self) -> RetrievalSpec:
        if self.path is None and self.url is None:
            invalid(
                "a retrieval source needs a 'path' or a 'url'",
                "give the folder of the documents, or the URL they are read from",
            )
        return self


class ToolSpec(_Strict):
    """Something the AI can call or reach: an API, a database, a shell, another system."""

    name: AssetName
    """Unique name of the tool."""
    kind: ToolKind
    """How it is reached: http-api, function, database, filesystem, shell, browser, email, mcp."""
    permissions: list[PermissionText] = []
    """The permissions granted to the AI, one ``resource:action[:scope]`` per item."""
    reaches: list[AssetName] = []
    """Datasets, retrieval sources or other tools the tool reads or changes."""
    approved_by: Line | None = None
    """Who approved giving the AI this tool and its permissions (5.1.2-6)."""
    justification: Text | None = None
    """Why the system's function needs each permission."""
    functions: dict[FunctionName, list[PermissionText]] = {}
    """The functions the model calls to use the tool (as its tool calls name them), each with
    the permissions it needs. Without it, a call naming the tool uses all its permissions."""

    @model_validator(mode="after")
    def _functions_use_granted_permissions(self) -> ToolSpec:
        for function, needs in self.functions.items():
            for permission in needs:
                if permission not in self.permissions:
                    invalid(
                        f"function {function!r} needs {permission!r}, which the tool is not "
                        "granted",
                        "add the permission to 'permissions', or correct the function's list",
                    )
        return self


__all__ = [
    "ADMIN_WORDS",
    "WRITE_WORDS",
    "FunctionName",
    "Modality",
    "Permission",
    "PermissionText",
    "RetrievalSpec",
    "RiskAppetite",
    "ToolKind",
    "ToolSpec",
    "parse_permission",
]
