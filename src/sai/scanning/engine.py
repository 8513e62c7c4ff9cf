"""Scanning files: detect each artifact's format, dispatch to its scanner, collect findings.

``scan_file`` memory-maps the file (scanning never copies a stored member) and returns one
``ArtifactResult``. Containers send their members back through the same dispatch, so a pickle
in a zip in a gzip is found whatever the files are called. A scanner that raises is reported
as an incomplete scan, never as clean.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterator
from pathlib import Path

from sai.errors import InputError
from sai.scanning.detect import PICKLE_SUFFIXES, Format, detect
from sai.scanning.digests import BackgroundDigest, read_all, sha256_of
from sai.scanning.folders import companions_of, link_escapes
from sai.scanning.formats import SCANNERS, Item, ScanLimits
from sai.scanning.pickle import AllowList, PickleLimits
from sai.scanning.result import ArtifactResult, Finding, verdict_of
from sai.scanning.rules import finding
from sai.scanning.settings import ScanSettings

#: Extensions of model files: in a folder, unrecognised files with these are still reported.
MODEL_SUFFIXES = (
    *PICKLE_SUFFIXES, ".npy", ".npz", ".h5", ".hdf5", ".keras", ".onnx", ".gguf",
    ".safetensors", ".pb", ".tflite", ".pte", ".params", ".mar", ".model", ".zip", ".tar",
    ".gz", ".7z",
)  # fmt: skip
_MAX_REPORTED = 500
#: Files smaller than this are read into memory; larger ones are memory-mapped.
_MAP_THRESHOLD = 1 << 20


class _Context:
    """The per-artifact state of one scan: findings, formats met, decompression budget."""

    def __init__(self, settings: ScanSettings) -> None:
        self.settings = settings
        self.findings: list[Finding] = []
        self.formats: list[str] = []
        self.expanded = 0

    @property
    def allow(self) -> AllowList:
        return self.settings.allow

    @property
    def limits(self) -> ScanLimits:
        return self.settings.limits

    @property
    def pickle_limits(self) -> PickleLimits:
        return self.settings.pickle_limits

    def report(self, item: Finding) -> None:
        if len(self.findings) < _MAX_REPORTED:
            self.findings.append(item)

    def expand(self, size: int) -> int:
        from sai.scanning.containers import LimitExceeded

        self.expanded += size
        left = self.limits.max_expanded - self.expanded
        if left < 0:
            raise LimitExceeded(
                f"decompressed content passes {self.limits.max_expanded} bytes in total"
            )
        return left

    def scan_member(self, data: memoryview, member: str, name: str, depth: int) -> None:
        if depth > self.limits.max_depth:
            self.report(
                finding(
                    "archive.limit",
                    f"containers nested deeper than {self.limits.max_depth}",
                    member=member,
                )
            )
            return
        fmt = detect(data, name)
        if fmt is not Format.unknown and fmt.value not in self.formats:
            self.formats.append(fmt.value)
        try:
            SCANNERS[fmt].scan(Item(data, member, name, depth), self)
        except Exception as error:
            self.report(
                finding(
                    "scanner.crash",
                    f"{fmt.value} scanner failed: {type(error).__name__}: {error}",
                    member=member,
                )
            )


def scan_bytes(
    data: bytes | memoryview,
    name: str,
    settings: ScanSettings,
    part_of: str = "",
    digest: str | BackgroundDigest | None = None,
) -> ArtifactResult:
    """Scan in-memory bytes as if they were the file ``name``.

    ``part_of`` names the model a companion file belongs to (see ``folders``): its name then
    hints no format, and an unrecognised format is expected rather than a finding. ``digest``
    is the bytes' digest when the caller has it (or is computing it alongside)."""
    view = memoryview(data)
    ctx = _Context(settings)
    ctx.scan_member(view, "", "" if part_of else os.path.basename(name), 0)
    fmt = ctx.formats[0] if ctx.formats else Format.unknown.value
    findings = tuple(
        f for f in ctx.findings if not (part_of and f.rule == "format.unknown" and not f.member)
    )
    return ArtifactResult(
        path=name,
        digest=_digest_of(view, settings, digest),
        size=len(view),
        format=fmt,
        verdict=verdict_of(findings),
        findings=findings,
        inner_formats=tuple(ctx.formats[1:]),
        part_of=part_of,
    )


def _digest_of(
    view: memoryview, settings: ScanSettings, known: str | BackgroundDigest | None
) -> str:
    if isinstance(known, BackgroundDigest):
        return known.result()
    if known is not None or not settings.digest:
        return known or ""
    return sha256_of(view)


def scan_file(path: Path | str, settings: ScanSettings, part_of: str = "") -> ArtifactResult:
    """Scan one file (memory-mapped; never executed, imported or unpickled).

    The file is read once: small files into memory for both the digest and the scan, large
    ones mapped, with the digest streamed in a second thread while the scan runs."""
    name = os.fspath(path)
    try:
        # NOTE: os-level calls, not `Path.open`: a buffered file object costs more than
        # scanning a small pickle
        handle = os.open(name, os.O_RDONLY)
        try:
            info = os.fstat(handle)
            cache = settings.digest_cache if settings.digest else None
            known = cache.get(path, info) if cache is not None else None
            if info.st_size < _MAP_THRESHOLD:
                result = scan_bytes(read_all(handle, info.st_size), name, settings, part_of, known)
            else:
                with mmap.mmap(handle, 0, access=mmap.ACCESS_READ) as mapped:
                    view = memoryview(mapped)
                    try:
                        pending = known or (BackgroundDigest(view) if settings.digest else None)
                        result = scan_bytes(view, name, settings, part_of, pending)
                    finally:
                        view.release()
        finally:
            os.close(handle)
        if cache is not None and known is None and result.digest:
            cache.put(path, info, result.digest)
        return result
    except OSError as error:
        raise InputError(
            f"cannot read {path}: {error.strerror or error}",
            hint="check the path and its permissions",
        ) from None


def _child(base: str, name: str) -> str:
    """``str(Path(base) / name)`` for a normalised ``base`` (``str(Path(...))``) and a name
    from a listing (no ``/``, never ``.`` or ``..``), without parsing either."""
    if os.name != "posix":  # pragma: no cover - sai runs on POSIX systems
        return str(Path(base) / name)
    if base == ".":
        return name
    return base + name if base.endswith("/") else f"{base}/{name}"


def _folder_files(root: Path) -> list[str]:
    files: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in (".git", ".sai"))
        base = str(Path(folder))  # NOTE: parsed once per folder, not per file
        files.extend(_child(base, name) for name in sorted(names))
    return files


def _link_result(link: str, target: str) -> ArtifactResult:
    item = finding(
        "archive.link",
        f"symbolic link to {target!r}, outside the scanned folder: not followed",
        offset=None,
    )
    return ArtifactResult(link, "", 0, "link", verdict_of((item,)), (item,))


def _scan_folder(root: Path, settings: ScanSettings) -> Iterator[ArtifactResult]:
    # NOTE: paths as text: making a `Path` per file costs more than scanning a small pickle
    files = _folder_files(root)
    regular = []
    for path in files:
        if os.path.islink(path):
            link = Path(path)
            target = link_escapes(link, root)
            if target is not None or not link.exists():
                yield _link_result(path, target or os.readlink(path))
                continue
        regular.append(path)
    companions = companions_of(files, regular)
    for path in regular:
        part_of = companions.get(path, "") if companions else ""
        result = scan_file(path, settings, part_of)
        if (
            not part_of
            and result.format == Format.unknown.value
            and not os.path.basename(path).lower().endswith(MODEL_SUFFIXES)
        ):
            continue
        yield result


def scan_paths(paths: list[Path], settings: ScanSettings) -> list[ArtifactResult]:
    """Scan files and folders. Folders are scanned as model units (``folders``): companion
    files belong to their model, links that leave are reported, and files that are not
    models are left out."""
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputError(f"{path} does not exist", hint="name files or folders to scan")
    results: list[ArtifactResult] = []
    for path in paths:
        if path.is_dir():
            results.extend(_scan_folder(path, settings))
        else:
            results.append(scan_file(path, settings))
    return results


__all__ = ["MODEL_SUFFIXES", "ScanSettings", "scan_bytes", "scan_file", "scan_paths"]
