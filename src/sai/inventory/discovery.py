"""Build the inventory from sai.yaml and the environment, compare it with the last scan, record it.

Local assets get a content digest (SHA-256 of a file, or model-signing's root digest of a
folder); remote endpoints are recorded by URL; the Python environment is one asset whose
digest covers every installed distribution and version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sai.inventory.assets import Asset, AssetType, Edge, Inventory, Relation
from sai.inventory.builtin import DETECTOR, detector_asset, uses_detector
from sai.inventory.environment import ENVIRONMENT, environment_asset
from sai.inventory.errors import HashingError
from sai.inventory.hashing import HashOptions, Progress, hash_tree
from sai.inventory.sealed_files import is_sealed
from sai.manifest import LoadedManifest
from sai.manifest.schema import ConfigSpec, DatasetSpec, ModelSpec, PromptSpec

GATEWAY = "gateway"
UPSTREAM = "upstream-endpoint"


def digest_path(path: Path, options: HashOptions, progress: Progress | None = None) -> Asset:
    """An asset stub with digest, size and file count of a local file or folder."""
    tree = hash_tree(path, options, progress)
    if path.is_file():
        digest = tree.items[0].digest if tree.items else tree.root_digest
        return Asset(
            "",
            AssetType.model,
            digest=f"{options.algorithm.value}:{digest}",
            size=tree.total_bytes,
            files=1,
        )
    return Asset(
        "",
        AssetType.model,
        digest=f"sha256:{tree.root_digest}",
        size=tree.total_bytes,
        files=len(tree.items),
        details={"digest_of": "tree"},
    )


def _local(
    spec: ModelSpec | DatasetSpec | PromptSpec | ConfigSpec,
    kind: AssetType,
    loaded: LoadedManifest,
    options: HashOptions,
    progress: Progress | None,
) -> Asset:
    rel = getattr(spec, "path", None)
    owner = getattr(spec, "owner", None)
    version = getattr(spec, "version", None)
    confidential = bool(getattr(spec, "confidential", False))
    details: dict[str, Any] = {}
    if isinstance(spec, ModelSpec):
        details = {"format": spec.format.value, "source": spec.source}
    elif isinstance(spec, PromptSpec | ConfigSpec) and spec.purpose:
        details = {"purpose": spec.purpose}
    base = Asset(
        spec.name,
        kind,
        location=str(rel),
        owner=owner,
        version=version,
        confidential=confidential,
        details=details,
    )
    path = loaded.resolve(str(rel))
    if not path.exists():
        return replace(base, status="missing")
    sealed = is_sealed(path)
    try:
        stub = digest_path(path, options, progress)
    except HashingError as exc:
        return replace(base, status="unreadable", details={**details, "error": exc.message})
    return replace(
        base,
        status="sealed" if sealed else "present",
        digest=stub.digest,
        size=stub.size,
        files=stub.files,
        details={**details, **stub.details},
    )


def build_inventory(
    loaded: LoadedManifest,
    options: HashOptions | None = None,
    progress: Progress | None = None,
    *,
    environment: Asset | None = None,
) -> Inventory:
    """Every asset sai.yaml declares, the Python environment, and the edges between them."""
    options = options or HashOptions()
    manifest = loaded.manifest
    system = manifest.name
    assets: list[Asset] = [Asset(system, AssetType.application, owner=_owner(loaded))]
    edges: list[Edge] = []
    for model in manifest.models:
        if model.path is not None:
            assets.append(_local(model, AssetType.model, loaded, options, progress))
        else:
            assets.append(
                Asset(
                    model.name,
                    AssetType.model,
                    location=str(model.endpoint),
                    owner=model.owner,
                    version=model.version,
                    confidential=model.confidential,
                    status="remote",
                    details={"format": model.format.value, "source": model.source},
                )
            )
        edges.append(Edge(system, Relation.uses, model.name))
        edges.extend(Edge(model.name, Relation.trained_on, ds) for ds in model.trained_on)
    for kind, specs in (
        (AssetType.dataset, manifest.datasets),
        (AssetType.prompt, manifest.prompts),
        (AssetType.config, manifest.configs),
    ):
        for spec in specs:
            assets.append(_local(spec, kind, loaded, options, progress))
            if kind is not AssetType.dataset:
                edges.append(Edge(system, Relation.uses, spec.name))
    if uses_detector(manifest):
        assets.append(detector_asset())
        edges.append(Edge(system, Relation.uses, DETECTOR))
    if manifest.upstream is not None:
        assets.append(
            Asset(
                UPSTREAM,
                AssetType.endpoint,
                location=str(manifest.upstream.base_url),
                version=manifest.upstream.model,
                status="remote",
            )
        )
        assets.append(
            Asset(
                GATEWAY,
                AssetType.service,
                location=f"{manifest.gateway.host}:{manifest.gateway.port}",
            )
        )
        edges += [Edge(system, Relation.uses, GATEWAY), Edge(GATEWAY, Relation.fronts, UPSTREAM)]
    assets.append(environment or environment_asset())
    edges.append(Edge(system, Relation.uses, ENVIRONMENT))
    return Inventory(system, tuple(assets), tuple(edges))


def _owner(loaded: LoadedManifest) -> str | None:
    owners = loaded.manifest.people.owners
    return owners[0].name if owners else None


@dataclass(frozen=True)
class Change:
    """An asset that appeared, disappeared, changed or went missing since the previous scan.

    ``kind`` is ``added``, ``removed`` (no longer declared), ``changed`` or ``missing``
    (declared, but its file or folder is not there).
    """

    kind: str
    asset: str
    before: str | None
    after: str | None
    detail: str = ""


def _package_delta(before: Asset, after: Asset) -> str:
    old = dict(before.details.get("packages", []))
    new = dict(after.details.get("packages", []))
    parts = [f"+{n}=={new[n]}" for n in sorted(set(new) - set(old))]
    parts += [f"-{n}=={old[n]}" for n in sorted(set(old) - set(new))]
    parts += [f"{n} {old[n]}->{new[n]}" for n in sorted(set(old) & set(new)) if old[n] != new[n]]
    return ", ".join(parts[:50])


def diff_inventories(previous: Inventory | None, current: Inventory) -> tuple[Change, ...]:
    """Added, removed, changed and missing assets.

    Everything present is ``added`` on the first scan; an asset whose file is absent is
    ``missing`` whenever it was not already missing in the previous scan.
    """
    before = {a.name: a for a in previous.assets} if previous else {}
    after = {a.name: a for a in current.assets}
    missing = {n for n, a in after.items() if a.status == "missing"}
    changes = [
        Change("missing", n, before[n].digest if n in before else None, None, "file not found")
        for n in sorted(missing)
        if n not in before or before[n].status != "missing"
    ]
    changes += [
        Change("added", n, None, after[n].digest)
        for n in after
        if n not in before and n not in missing
    ]
    changes += [Change("removed", n, before[n].digest, None) for n in before if n not in after]
    for name in (after.keys() & before.keys()) - missing:
        old, new = before[name], after[name]
        if (old.digest, old.status) != (new.digest, new.status):
            detail = _package_delta(old, new) if new.type is AssetType.dependencies else ""
            if new.status != old.status:
                detail = f"status {old.status} -> {new.status}"
            changes.append(Change("changed", name, old.digest, new.digest, detail))
    return tuple(sorted(changes, key=lambda c: (c.kind, c.asset)))


__all__ = [
    "ENVIRONMENT",
    "GATEWAY",
    "UPSTREAM",
    "Change",
    "build_inventory",
    "diff_inventories",
    "digest_path",
    "environment_asset",
]
