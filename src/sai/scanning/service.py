"""One scan as the CLI (and the demo) runs it: settings from the policy, recording in a ledger.

Kept out of the CLI so that commands stay thin and the flow is testable without Typer. The
policy and dependency-audit modules load only when the scan needs them. Inside a workspace,
digests of unchanged files come from the workspace's digest cache (``digests``), the declared
models from the summary cache of sai.yaml (``declared``: no pydantic schema unless sai.yaml
changed), and the results are appended to a SQLite ledger with `sqlite3` directly
(`sai.ledger.sqlite_writer`: no SQLAlchemy); other stores go through `open_ledger`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sai.errors import InputError, SaiError, WorkspaceError
from sai.scanning._cachekey import cache_key
from sai.scanning.declared import DeclaredModels, declared_models
from sai.scanning.digests import MAC_LABEL as DIGEST_MAC_LABEL
from sai.scanning.digests import DigestCache
from sai.scanning.engine import ScanSettings, scan_paths
from sai.scanning.pickle import default_allowlist
from sai.scanning.result import ArtifactResult, FailOn, ScanVerdict
from sai.workspace import Workspace, find_workspace, open_workspace

if TYPE_CHECKING:
    from sai.manifest import LoadedManifest
    from sai.scanning.deps import AuditResult
    from sai.scanning.policy import Policy

#: Where a workspace keeps the digests of files it has scanned.
DIGEST_CACHE = Path("cache") / "scan-digests.json"


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class ScanRequest(NamedTuple):
    """What to scan, with which policy, and whether to record the results."""

    paths: tuple[Path, ...] = ()
    policy: Path | None = None
    osv: Path | None = None
    record: bool = True
    workspace: Path | None = None
    fail_on: FailOn = FailOn.dangerous


class ScanOutcome(NamedTuple):
    """Results, the dependency audit, and notes for the person running the scan."""

    results: tuple[ArtifactResult, ...]
    audit: AuditResult | None
    recorded: int
    notes: tuple[str, ...] = ()
    fail_on: FailOn = FailOn.dangerous

    @property
    def nothing_checked(self) -> str | None:
        """Why the dependency audit checked nothing (empty advisory data), else None."""
        return self.audit.nothing_checked if self.audit else None

    @property
    def has_findings(self) -> bool:
        """Any artifact failing under ``fail_on``, or any vulnerable dependency."""
        # NOTE: by verdict (a result fails on its verdict alone): one call per verdict, not file
        verdicts = tuple(v for v in ScanVerdict if self.fail_on.fails(v))
        failing = any(r.verdict in verdicts for r in self.results)
        return failing or bool(self.audit and self.audit.vulnerabilities)


def settings_for(policy: Policy | None, digest_cache: DigestCache | None = None) -> ScanSettings:
    """Scan settings: sai's allow-list, extended by the policy's entries."""
    allow = default_allowlist()
    return ScanSettings(
        allow=allow.extended(policy.allow_pairs()) if policy else allow, digest_cache=digest_cache
    )


def _workspace(option: Path | None, notes: list[str]) -> Workspace | None:
    if option is not None:
        return open_workspace(option)
    try:
        return find_workspace()
    except WorkspaceError:
        notes.append("no sai workspace here: results are not recorded (run `sai init`)")
        return None


def _declared(workspace: Workspace | None, notes: list[str]) -> DeclaredModels | None:
    if workspace is None:
        return None
    found = declared_models(workspace)
    if found is not None and found.problem is not None:
        notes.append(f"sai.yaml not used ({found.problem}); scans are recorded by path")
        return None
    return found


def declared_model_paths(manifest: LoadedManifest | DeclaredModels | None) -> tuple[Path, ...]:
    """The local files of the models declared in sai.yaml."""
    if manifest is None:
        return ()
    if isinstance(manifest, DeclaredModels):
        return manifest.paths()
    return tuple(manifest.resolve(m.path) for m in manifest.manifest.models if m.path)


class _Prepared:
    """sai.yaml's models, read in a thread beside the scan: on a cache miss the validation runs
    while a large file's digest is computed with the interpreter lock released. (A plain
    thread: `concurrent.futures` and the logging it imports cost more than a small scan.)"""

    def __init__(self, workspace: Workspace | None, notes: list[str]) -> None:
        self._found: DeclaredModels | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(workspace, notes), name="sai-scan-prepare", daemon=True
        )
        self._thread.start()

    def _run(self, workspace: Workspace | None, notes: list[str]) -> None:
        try:
            self._found = _declared(workspace, notes)
        except BaseException as error:
            self._error = error

    def wait(self) -> None:
        """Wait for the thread to end."""
        self._thread.join()

    def result(self) -> DeclaredModels | None:
        """Wait for the models; an error in the thread is raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found


def _digest_cache(workspace: Workspace) -> DigestCache | None:
    """The workspace's digest cache; None when its signing key is unreadable (no MAC key:
    every file is hashed)."""
    try:
        key = cache_key(workspace, DIGEST_MAC_LABEL)
    except SaiError:
        return None
    return DigestCache.load(workspace.sai_dir / DIGEST_CACHE, key)


def run_scan(request: ScanRequest) -> ScanOutcome:
    """Scan, audit and record as ``request`` asks."""
    notes: list[str] = []
    policy = None
    if request.policy:
        from sai.scanning.policy import load_policy

        policy = load_policy(request.policy)
    workspace = (
        _workspace(request.workspace, notes) if request.record or not request.paths else None
    )
    recording = request.record and workspace is not None
    prepared = _Prepared(workspace, notes)
    try:
        paths = request.paths or declared_model_paths(prepared.result())
        if not paths and request.osv is None:
            raise InputError(
                "nothing to scan",
                hint="name files or folders, declare models in sai.yaml, or pass --deps --osv FILE",
            )
        cache = _digest_cache(workspace) if workspace else None
        settings = settings_for(policy, cache)
        results = tuple(scan_paths(list(paths), settings))
    finally:
        prepared.wait()
    manifest = prepared.result()
    if cache is not None:
        cache.save()
    result_audit = None
    if request.osv is not None:
        from sai.scanning.deps import audit_with

        result_audit = audit_with(request.osv)
    recorded = 0
    if recording and workspace is not None:
        from sai.scanning._recording import append_entries, audit_entry, scan_entries

        entries = scan_entries(
            results,
            manifest=manifest,
            policy=policy,
            root=workspace.root,
            resolver=cache.resolver if cache is not None else None,
        )
        if result_audit is not None:
            entries.append(audit_entry(result_audit, str(request.osv)))
        recorded = append_entries(workspace, entries) if entries else 0
    return ScanOutcome(results, result_audit, recorded, tuple(notes), request.fail_on)


__all__ = [
    "DIGEST_CACHE",
    "ScanOutcome",
    "ScanRequest",
    "declared_model_paths",
    "run_scan",
    "settings_for",
]
