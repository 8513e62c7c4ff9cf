"""Assets that sai itself ships and a system relies on: the injection detector's artefacts.

A gateway that runs the ``injection`` scanner depends on the trained arrays inside the sai
package, so they belong in the inventory like any model. Their reference is the
``MANIFEST.json`` shipped beside them (one SHA-256 per artefact, written by the training
script): `detector_asset` records the artefacts as they are on disk, and `verify_detector`
names every artefact that no longer matches its shipped digest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from sai import __version__
from sai.inventory.assets import Asset, AssetType
from sai.inventory.signing.model import VerifyResult
from sai.manifest import Manifest
from sai.manifest.guard_policy import resolve_guards
from sai.manifest.guards_spec import GuardName

DETECTOR = "sai-injection-detector"
_MANIFEST = "MANIFEST.json"


def uses_detector(manifest: Manifest) -> bool:
    """Whether some gateway route or role runs the ``injection`` scanner."""
    policies = resolve_guards(manifest.guards, manifest.gateway).values()
    return any(GuardName.injection in policy.input for policy in policies)


def is_shipped_detector(manifest: Manifest, name: str) -> bool:
    """Whether ``name`` means sai's own detector (checked against shipped digests, not a
    signature) rather than an asset sai.yaml declares under that name."""
    return name == DETECTOR and manifest.asset(name) is None


def _artefacts() -> tuple[Path, dict[str, str], dict[str, str | None]]:
    """The artefact folder, the shipped digests, and each listed file's digest now."""
    from sai.guards.injection import detector_files

    files = detector_files()
    return files.folder, files.shipped, files.actual


def _root(digests: Mapping[str, str | None]) -> str:
    listing = "".join(f"{name}\0{digest}\n" for name, digest in sorted(digests.items()))
    return "sha256:" + hashlib.sha256(listing.encode("utf-8")).hexdigest()


def detector_asset() -> Asset:
    """The detector's artefacts as an inventory asset (digest over the files as they are)."""
    folder, shipped, actual = _artefacts()
    size = sum((folder / name).stat().st_size for name, digest in actual.items() if digest)
    return Asset(
        DETECTOR,
        AssetType.model,
        location="sai package: sai/guards/injection/artifacts",
        owner="sai",
        version=__version__,
        digest=_root(actual),
        size=size,
        files=len(actual),
        status="present" if actual == shipped else "altered",
        details={
            "format": "npz+json",
            "source": f"trained and shipped with sai {__version__}",
            "purpose": "prompt-injection detector of the gateway's injection scanner",
        },
    )


def verify_detector() -> VerifyResult:
    """Compare every artefact with the digest in the shipped ``MANIFEST.json``."""
    folder, shipped, actual = _artefacts()
    missing = tuple(sorted(name for name, digest in actual.items() if digest is None))
    changed = tuple(
        sorted(name for name, digest in actual.items() if digest and digest != shipped[name])
    )
    manifest = folder / _MANIFEST
    return VerifyResult(
        signed_name=DETECTOR,
        local_name=DETECTOR,
        signed_root=_root(shipped).removeprefix("sha256:"),
        actual_root=_root(actual).removeprefix("sha256:"),
        added=(),
        removed=missing,
        changed=changed,
        key_hint=f"{_MANIFEST} shipped with sai {__version__}",
        signature_digest="sha256:" + hashlib.sha256(manifest.read_bytes()).hexdigest(),
        files=len(shipped),
    )


__all__ = ["DETECTOR", "detector_asset", "is_shipped_detector", "uses_detector", "verify_detector"]
