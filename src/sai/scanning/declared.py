"""What a scan needs from sai.yaml (the declared models), cached so a run need not build the
manifest's pydantic schema.

Validating sai.yaml costs more than scanning a model; the scan only needs each model's name,
path and source. `declared_models` validates sai.yaml fully the first time and stores that
summary in ``.sai/cache/scan-manifest.json``, keyed by:

* the SHA-256 of the exact bytes validated, and the manifest's absolute path: any edit of
  sai.yaml is a miss (the summary is computed from those same bytes, never re-read);
* every file-system probe the validation made (a declared path that is a file, a folder, or
  missing): validation depends on them, so each is re-checked and any change is a miss;
* an HMAC-SHA256 under a key derived from the workspace's signing key: the cache lies in
  ``.sai/`` beside the ledger, and an entry edited by anyone without the signing key (or
  merely corrupt) is ignored, so the scan never follows a summary that sai.yaml does not give.

A miss, a corrupt file or a bad MAC only costs the full validation; nothing else changes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sai.errors import SaiError
from sai.scanning._cachekey import cache_key
from sai.workspace.paths import path_kind

if TYPE_CHECKING:
    from sai.manifest import LoadedManifest
    from sai.workspace import Workspace

#: Where a workspace keeps the summary of its sai.yaml for scans.
MANIFEST_CACHE = Path("cache") / "scan-manifest.json"
_VERSION = 1
_MAX_BYTES = 1 << 20  # sai.manifest.loader.MAX_MANIFEST_BYTES: larger files are not cached
_MAC_LABEL = b"sai scan-manifest cache v1\x00"


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class DeclaredModel(NamedTuple):
    """One model of sai.yaml as a scan sees it: its name, absolute path and source."""

    name: str
    path: Path | None
    source: str
    in_house: bool


class DeclaredModels(NamedTuple):
    """The models sai.yaml declares, or why sai.yaml could not be used (``problem``)."""

    models: tuple[DeclaredModel, ...] = ()
    problem: str | None = None

    @classmethod
    def of(cls, loaded: LoadedManifest) -> DeclaredModels:
        """The models of a validated manifest."""
        return cls(
            tuple(
                DeclaredModel(
                    m.name,
                    loaded.resolve(m.path) if m.path else None,
                    m.source,
                    m.in_house,
                )
                for m in loaded.manifest.models
            )
        )

    def paths(self) -> tuple[Path, ...]:
        """The local files of the declared models."""
        return tuple(m.path for m in self.models if m.path is not None)

    def to_json(self) -> dict[str, Any]:
        models = [
            [m.name, str(m.path) if m.path else None, m.source, m.in_house] for m in self.models
        ]
        return {"models": models, "problem": self.problem}

    @classmethod
    def from_json(cls, raw: Any) -> DeclaredModels:
        """Parse `to_json` output; ValueError (or KeyError/TypeError) when malformed."""
        models = []
        for name, path, source, in_house in raw["models"]:
            if not (isinstance(name, str) and isinstance(source, str)):
                raise ValueError("model name and source must be strings")
            if not (path is None or isinstance(path, str)) or not isinstance(in_house, bool):
                raise ValueError("bad model path or in_house")
            models.append(DeclaredModel(name, Path(path) if path else None, source, in_house))
        problem = raw["problem"]
        if not (problem is None or isinstance(problem, str)):
            raise ValueError("bad problem")
        return cls(tuple(models), problem)


def _mac(key: bytes, body: dict[str, Any]) -> str:
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hmac.new(key, text.encode("ascii"), hashlib.sha256).hexdigest()


class ManifestCache:
    """The summary cache of one workspace (see the module's docstring)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.path = workspace.sai_dir / MANIFEST_CACHE
        self._key: bytes | None = None

    def mac_key(self) -> bytes:
        """The key of the entries' MACs (WorkspaceError when the signing key is unreadable)."""
        if self._key is None:
            self._key = cache_key(self.workspace, _MAC_LABEL)
        return self._key

    def lookup(self, manifest: Path, digest: str) -> DeclaredModels | None:
        """The stored summary of these bytes of ``manifest``, if valid and authentic."""
        try:
            raw = json.loads(self.path.read_text("utf-8"))
            body = {k: raw[k] for k in ("version", "manifest", "digest", "probes", "summary")}
            if body["version"] != _VERSION or body["manifest"] != str(manifest):
                return None
            if body["digest"] != digest:
                return None
            if not hmac.compare_digest(str(raw["mac"]), _mac(self.mac_key(), body)):
                return None
            for target, kind in body["probes"]:
                if path_kind(Path(target)) != kind:
                    return None
            return DeclaredModels.from_json(body["summary"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def store(
        self,
        manifest: Path,
        digest: str,
        probes: list[tuple[str, str | None]],
        found: DeclaredModels,
    ) -> None:
        """Remember ``found`` for these bytes (atomically; a failure to write is ignored)."""
        body = {
            "version": _VERSION,
            "manifest": str(manifest),
            "digest": digest,
            "probes": [list(p) for p in probes],
            "summary": found.to_json(),
        }
        document = {**body, "mac": _mac(self.mac_key(), body)}
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            temporary.write_text(json.dumps(document, separators=(",", ":")), "utf-8")
            os.replace(temporary, self.path)
        except OSError:
            temporary.unlink(missing_ok=True)


def _validate(data: bytes, manifest: Path) -> tuple[DeclaredModels, list[tuple[str, str | None]]]:
    from sai.manifest import load_manifest_bytes, recording_path_probes

    with recording_path_probes() as probes:
        try:
            found = DeclaredModels.of(load_manifest_bytes(data, path=manifest))
        except SaiError as error:
            found = DeclaredModels(problem=error.message)
    return found, [(str(target), kind) for target, kind in probes]


def _load_large(manifest: Path) -> DeclaredModels:
    """A manifest too large for the cache: validated as `load_manifest` does (it refuses it)."""
    from sai.manifest import load_manifest

    try:
        return DeclaredModels.of(load_manifest(manifest))
    except SaiError as error:
        return DeclaredModels(problem=error.message)


def _cached_or_validated(workspace: Workspace, manifest: Path, data: bytes) -> DeclaredModels:
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    cache = ManifestCache(workspace)
    try:
        cache.mac_key()
    except SaiError:  # the signing key is unreadable: no cache, validate every time
        return _validate(data, manifest)[0]
    cached = cache.lookup(manifest, digest)
    if cached is not None:
        return cached
    found, probes = _validate(data, manifest)
    cache.store(manifest, digest, probes, found)
    return found


def declared_models(workspace: Workspace) -> DeclaredModels | None:
    """The models of the workspace's sai.yaml (None when there is none), from the cache when
    sai.yaml and the files it declares are as they were, else validated and cached."""
    manifest = workspace.manifest_path.absolute()
    try:
        data = manifest.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        return DeclaredModels(problem=f"cannot read {manifest}: {error.strerror or error}")
    if len(data) > _MAX_BYTES:
        return _load_large(manifest)
    return _cached_or_validated(workspace, manifest, data)


__all__ = [
    "MANIFEST_CACHE",
    "DeclaredModel",
    "DeclaredModels",
    "ManifestCache",
    "declared_models",
]
