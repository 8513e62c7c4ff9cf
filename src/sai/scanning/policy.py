"""The project's scan policy: allow-list extensions and decisions on external models.

A policy file (YAML) records, with a justification each, the callables a project's own model
pickles may import beyond sai's allow-list, and the risk decision for each external model
(5.2.3-2, 5.2.3-2.1). Both become ledger evidence when ``sai scan --policy`` runs.

    allow:
      - module: mypkg.nets
        name: TinyNet
        justification: our own class, reviewed in PR 42
    models:
      - name: sentiment-base
        justification: only maintained model for Danish; no alternative documented
        risk_assessment: weights scanned; runs in a sandbox without network
        mitigations: [pinned revision, scan on every update]
        approved_by: Dana Demo
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sai.errors import InputError

_NAME = r"^[A-Za-z_][\w.]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AllowEntry(_Strict):
    """One callable a model pickle may import, with the reason it is safe."""

    module: str = Field(pattern=_NAME)
    name: str = Field(pattern=r"^[A-Za-z_]\w*$")
    justification: str = Field(min_length=10)
    approved_by: str | None = None


class ModelDecision(_Strict):
    """Why an external model is used, its risk assessment and compensating measures."""

    name: str = Field(min_length=1)
    justification: str = Field(min_length=10)
    risk_assessment: str | None = None
    mitigations: list[str] = []
    approved_by: str | None = None


class PolicyFile(_Strict):
    """The policy document."""

    allow: list[AllowEntry] = []
    models: list[ModelDecision] = []


@dataclass(frozen=True)
class Policy:
    """A loaded policy and the digest of its file (recorded with the evidence)."""

    document: PolicyFile
    path: Path
    digest: str

    def allow_pairs(self) -> list[tuple[str, str]]:
        """The (module, name) pairs added to the allow-list."""
        return [(entry.module, entry.name) for entry in self.document.allow]


def load_policy(path: Path) -> Policy:
    """Read and validate a policy file; errors name the field and what to fix."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read policy {path}: {error.strerror}") from None
    try:
        data = yaml.safe_load(raw) or {}
        document = PolicyFile.model_validate(data)
    except yaml.YAMLError as error:
        raise InputError(f"policy {path} is not valid YAML: {error}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(
            f"policy {path}: {where}: {first['msg']}",
            hint="see docs/scanning.md for the policy format",
        ) from None
    return Policy(document, path, "sha256:" + hashlib.sha256(raw).hexdigest())


__all__ = ["AllowEntry", "ModelDecision", "Policy", "PolicyFile", "load_policy"]
