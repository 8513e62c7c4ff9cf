"""What a threat model was built from, as digests: sai.yaml, prompts, configs, models, tools.

Staleness is a comparison of digests, not a guess: a review binds the basis of the model it
reviewed, and any later difference (a new digest of sai.yaml, a prompt, a config or a model
file, a tool's permissions, the project's threats.yaml) is a change the review did not see.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from sai.ledger.kinds.threats import ThreatBasis
from sai.manifest import LoadedManifest


def sha256_text(data: bytes | str) -> str:
    """``sha256:<hex>`` of bytes or UTF-8 text."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def permissions_digest(permissions: list[str], reaches: list[str]) -> str:
    """The digest of a tool's grant: its permissions and what it reaches, order ignored."""
    return sha256_text(json.dumps([sorted(permissions), sorted(reaches)]))


@dataclass(frozen=True)
class Basis:
    """The digests a threat model was built from."""

    manifest: str
    files: Mapping[str, str] = field(hash=False)
    tools: Mapping[str, str] = field(hash=False)
    rules: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "files", MappingProxyType(dict(sorted(self.files.items()))))
        object.__setattr__(self, "tools", MappingProxyType(dict(sorted(self.tools.items()))))

    def to_part(self) -> ThreatBasis:
        """The basis as recorded in threat entries."""
        return ThreatBasis(self.manifest, dict(self.files), dict(self.tools), self.rules)

    @classmethod
    def from_part(cls, part: ThreatBasis) -> Basis:
        """The basis recorded as ``part``."""
        return cls(
            part.manifest,
            {str(k): str(v) for k, v in part.files.items()},
            {str(k): str(v) for k, v in part.tools.items()},
            part.rules,
        )

    def changes_since(self, reviewed: Basis) -> list[str]:
        """What differs from ``reviewed``, one phrase per change."""
        out = []
        if self.manifest != reviewed.manifest:
            out.append("sai.yaml changed")
        out += _mapping_changes("", reviewed.files, self.files)
        out += _mapping_changes("tool ", reviewed.tools, self.tools, " permissions")
        if self.rules != reviewed.rules:
            out.append("threats.yaml changed")
        return out


def _mapping_changes(
    prefix: str, before: Mapping[str, str], after: Mapping[str, str], what: str = ""
) -> list[str]:
    out = [f"{prefix}{n}{what} changed" for n in after if n in before and before[n] != after[n]]
    out += [f"{prefix}{n} added" for n in after if n not in before]
    out += [f"{prefix}{n} removed" for n in before if n not in after]
    return out


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    """``sha256:`` of a file (as the inventory records files); of a folder, over its sorted
    relative paths and file digests."""
    try:
        if path.is_file():
            return "sha256:" + _sha256_file(path)
        if path.is_dir():
            lines = [
                f"{item.relative_to(path).as_posix()}\0{_sha256_file(item)}\n"
                for item in sorted(path.rglob("*"))
                if item.is_file() and ".git" not in item.relative_to(path).parts
            ]
            return sha256_text("".join(lines))
    except OSError:
        return "unreadable"
    return "missing"


def current_basis(loaded: LoadedManifest, rules_file: Path | None) -> Basis:
    """The basis of the system as it is on disk now."""
    manifest = loaded.manifest
    files: dict[str, str] = {}
    pairs = [(p.name, p.path) for p in manifest.prompts] + [
        (c.name, c.path) for c in manifest.configs
    ]
    for name, relpath in pairs:
        files[name] = _file_digest(loaded.resolve(relpath))
    for model in manifest.models:
        if model.path is not None:
            files[model.name] = _file_digest(loaded.resolve(model.path))
        else:
            files[model.name] = sha256_text(f"{model.endpoint} {model.version or ''}")
    tools = {
        t.name: permissions_digest(list(t.permissions), list(t.reaches)) for t in manifest.tools
    }
    return Basis(
        # NOTE: as `sai assess` records it (manifest.recorded), so the two digests compare.
        sha256_text(loaded.path.read_text(encoding="utf-8")),
        files,
        tools,
        sha256_text(rules_file.read_bytes()) if rules_file is not None else None,
    )


__all__ = ["Basis", "current_basis", "permissions_digest", "sha256_text"]
