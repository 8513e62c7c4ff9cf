"""The custody backends by name, and the one way to open the configured one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sai.inventory.custody._record import read_record
from sai.inventory.custody.base import KeyCustody
from sai.inventory.custody.file import FileCustody
from sai.inventory.custody.pkcs11 import Pkcs11Custody, Pkcs11Settings
from sai.inventory.errors import SealError

BACKENDS: dict[str, type[KeyCustody]] = {"file": FileCustody, "pkcs11": Pkcs11Custody}


@dataclass(frozen=True)
class CustodySettings:
    """Which backend makes new keys (``file`` unless PKCS#11 settings are given)."""

    pkcs11: Pkcs11Settings | None = None

    @property
    def backend(self) -> str:
        return "file" if self.pkcs11 is None else "pkcs11"


def open_custody(
    settings: CustodySettings, *, records: Path, keys_dir: Path, namespace: str
) -> KeyCustody:
    """The backend that makes new data keys."""
    if settings.pkcs11 is not None:
        return Pkcs11Custody(records, settings.pkcs11, namespace)
    return FileCustody(records, keys_dir)


def custody_of(
    asset: str, settings: CustodySettings, *, records: Path, keys_dir: Path, namespace: str
) -> KeyCustody:
    """The backend holding ``asset``'s key (from its record), else the configured one."""
    record = read_record(records, asset)
    backend = settings.backend if record is None else record.custody
    if backend not in BACKENDS:
        raise SealError(f"{asset!r} names an unknown key custody {backend!r}")
    if backend == "pkcs11" and settings.pkcs11 is None:
        raise SealError(
            f"the key of {asset!r} is held in a PKCS#11 token",
            hint="set SAI_PKCS11_MODULE, SAI_PKCS11_TOKEN and SAI_PKCS11_PIN",
        )
    if backend == "file":
        return FileCustody(records, keys_dir)
    return open_custody(settings, records=records, keys_dir=keys_dir, namespace=namespace)


__all__ = ["BACKENDS", "CustodySettings", "custody_of", "open_custody"]
