"""The work behind `sai data screen` with a workspace: resolve the target, compare, record."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sai.ledger import open_ledger
from sai.manifest import Manifest, load_manifest
from sai.manifest.schema import DatasetSpec
from sai.provenance.capture import DataStore
from sai.provenance.digest import digest_path
from sai.provenance.envcheck import (
    EnvReport,
    Target,
    add_path,
    check_artefact,
    manifest_targets,
    record_env_check,
)
from sai.provenance.errors import ProvenanceError
from sai.provenance.record import default_actor
from sai.provenance.screening import (
    ScreenReport,
    label_counts,
    previous_counts,
    record_screen,
    screen_table,
)
from sai.provenance.tabular import read_table
from sai.workspace import Workspace


def dataset_destination(manifest_path: Path, dataset: str) -> Path:
    """Where ``dataset`` lives according to sai.yaml, read as plain YAML (the file it names
    need not exist yet, so the manifest's full validation would refuse it)."""
    import yaml

    try:
        data = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        data = None
    items = data.get("datasets") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        path = item.get("path") if isinstance(item, dict) else None
        if isinstance(path, str) and item.get("name") == dataset:
            return manifest_path.parent / path
    raise ProvenanceError(
        f"{manifest_path.name} has no dataset {dataset!r} to take the destination from",
        hint="give --output PATH, or add the dataset under `datasets:` in sai.yaml",
    )


def _manifest(workspace: Workspace | None, option: Path | None) -> Manifest | None:
    path = option or (workspace.manifest_path if workspace else None)
    if path is None or not path.exists():
        return None
    return load_manifest(path).manifest


def resolve_target(
    target: str, manifest: Manifest | None, root: Path | None
) -> tuple[Path, str, DatasetSpec | None]:
    """The file to screen, the subject to record it under, and its dataset (if declared)."""
    base = root or Path.cwd()
    datasets = manifest.datasets if manifest else []
    path = Path(target)
    if path.exists():
        for spec in datasets:
            if (base / spec.path).resolve() == path.resolve():
                return path, spec.name, spec
        return path, target, None
    for spec in datasets:
        if spec.name == target:
            return base / spec.path, spec.name, spec
    raise ProvenanceError(
        f"{target!r} is neither a file nor a dataset in sai.yaml",
        hint="give the path of a .csv/.tsv/.parquet/.jsonl file or a folder of documents",
    )


def model_digests(manifest: Manifest | None, dataset: str, root: Path) -> dict[str, str]:
    """Digests of the models (on disk) trained on ``dataset``, now."""
    if manifest is None:
        return {}
    digests = {}
    for model in manifest.models:
        if dataset in model.trained_on and model.path is not None:
            path = root / model.path
            if path.exists():
                digests[model.name] = digest_path(path).digest
    return digests


def run_screen(
    target: str,
    *,
    label_column: str | None,
    names: Sequence[str] | None,
    previous: Path | None,
    record: bool,
    workspace: Workspace | None,
    manifest: Path | None,
) -> ScreenReport:
    """Screen ``target``; with a workspace, compare with and record in its ledger."""
    loaded = _manifest(workspace, manifest)
    root = workspace.root if workspace else None
    path, subject, _ = resolve_target(target, loaded, root)
    digest = digest_path(path).digest
    table = read_table(path)
    before = label_counts(read_table(previous), label_column) if previous is not None else None
    if workspace is None or not record:
        return screen_table(
            table,
            subject=subject,
            digest=digest,
            label_column=label_column,
            previous_counts=before,
            names=names,
        )
    with open_ledger(workspace) as ledger:
        if before is None:
            before = previous_counts(ledger, subject, digest)
        report = screen_table(
            table,
            subject=subject,
            digest=digest,
            label_column=label_column,
            previous_counts=before,
            names=names,
        )
        models = model_digests(loaded, subject, workspace.root)
        return record_screen(ledger, report, models=models, actor=default_actor())


def run_env_check(
    path: Path,
    *,
    extra: Sequence[Path],
    record: bool,
    workspace: Workspace | None,
    manifest: Path | None,
) -> EnvReport:
    """Search ``path`` for the workspace's non-public datasets and any ``extra`` data."""
    loaded = _manifest(workspace, manifest)
    if not path.exists():
        raise ProvenanceError(f"{path}: no such file or folder")
    extras = []
    for item in extra:
        if not item.exists():
            raise ProvenanceError(f"--training-data {item}: no such file or folder")
        target = Target(item.name)
        add_path(target, item)
        extras.append(target)
    if workspace is None:
        if not extras:
            raise ProvenanceError(
                "nothing to look for: no workspace (sai.yaml) and no --training-data",
                hint="run inside the project, or name the data with --training-data PATH",
            )
        return check_artefact(path, extras)
    store = DataStore.of(workspace.root, workspace.sai_dir)
    with open_ledger(workspace) as ledger:
        targets = manifest_targets(ledger, store, loaded.datasets if loaded else [])
        report = check_artefact(path, [*targets, *extras])
        if record:
            record_env_check(ledger, report, actor=default_actor())
    return report


__all__ = [
    "dataset_destination",
    "model_digests",
    "resolve_target",
    "run_env_check",
    "run_screen",
]
