"""What exactly a run tested: the target version its findings hold for.

A run is bound to the model's digest and version (from sai.yaml and the file), the system
prompt's registry version and digest, the digest of sai.yaml, and the digest of the gateway
and guard policy. A later change of the model digest, the prompt version, the model's major
version or the gateway policy makes the run stale: it says nothing about what runs now.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sai.manifest import LoadedManifest, Manifest


def sha256_bytes(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """``sha256:`` of a file, or of a folder's files in name order; None when unreadable."""
    try:
        if path.is_dir():
            digest = hashlib.sha256()
            for item in sorted(p for p in path.rglob("*") if p.is_file()):
                digest.update(item.relative_to(path).as_posix().encode() + b"\0")
                digest.update(item.read_bytes())
            return "sha256:" + digest.hexdigest()
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def major(version: str | None) -> str | None:
    """The major part of ``1.4.2`` / ``v2`` / ``2024.1``; None when there is no version."""
    if not version:
        return None
    return version.lstrip("vV").split(".", 1)[0]


@dataclass(frozen=True)
class Binding:
    """The version of the system a run tested. None means "not known"."""

    target: str
    model_asset: str | None = None
    model_digest: str | None = None
    model_version: str | None = None
    prompt_name: str | None = None
    prompt_version: int | None = None
    prompt_digest: str | None = None
    manifest_digest: str | None = None
    gateway_policy: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Binding:
        fields = cls.__dataclass_fields__
        return cls(**{k: v for k, v in value.items() if k in fields})

    def stale_reasons(self, current: Binding) -> list[str]:
        """Why a run bound to ``self`` says nothing about ``current`` (empty: still current)."""
        reasons = []
        if self.model_asset != current.model_asset:
            reasons.append(
                f"the run tested model {self.model_asset}, the gate is for {current.model_asset}"
            )
        elif self.model_digest != current.model_digest:
            reasons.append("the model's digest changed since the run")
        if major(self.model_version) != major(current.model_version):
            reasons.append(
                "the model's major version changed "
                f"({self.model_version} -> {current.model_version})"
            )
        if self.prompt_name == current.prompt_name and (
            self.prompt_version != current.prompt_version
            or self.prompt_digest != current.prompt_digest
        ):
            reasons.append(
                f"prompt {self.prompt_name} has a new version "
                f"({self.prompt_version} -> {current.prompt_version})"
            )
        if self.gateway_policy != current.gateway_policy:
            reasons.append("the gateway or guard policy changed since the run")
        return reasons


def policy_digest(manifest: Manifest) -> str:
    """Digest of the gateway and guards sections as validated (comments and order do not count)."""
    sections = {
        "gateway": manifest.gateway.model_dump(mode="json"),
        "guards": manifest.guards.model_dump(mode="json"),
    }
    return sha256_bytes(json.dumps(sections, sort_keys=True).encode())


def bind(
    loaded: LoadedManifest | None,
    target: str,
    *,
    model_asset: str | None = None,
    prompt: tuple[str, int | None, str] | None = None,
) -> Binding:
    """The binding of a run of ``target`` now; ``prompt`` is (name, registry version, digest)."""
    name, version, digest = prompt if prompt else (None, None, None)
    if loaded is None:
        return Binding(target, prompt_name=name, prompt_version=version, prompt_digest=digest)
    manifest = loaded.manifest
    asset = model_asset or manifest.redteam.target_model
    spec = next((m for m in manifest.models if m.name == asset), None)
    model_digest = None
    if spec is not None and spec.path is not None:
        model_digest = file_digest(loaded.resolve(spec.path))
    elif spec is not None and spec.endpoint is not None:
        model_digest = sha256_bytes(f"{spec.endpoint}|{spec.version or ''}".encode())
    return Binding(
        target=target,
        model_asset=asset if spec is not None else None,
        model_digest=model_digest,
        model_version=spec.version if spec is not None else None,
        prompt_name=name,
        prompt_version=version,
        prompt_digest=digest,
        manifest_digest=file_digest(loaded.path),
        gateway_policy=policy_digest(manifest),
    )


__all__ = ["Binding", "bind", "file_digest", "major", "policy_digest", "sha256_bytes"]
