"""Key custody for sealing: per-asset data keys wrapped by a KEK in a keystore file or an HSM.

``registry.custody_of`` opens the backend that holds an asset's key; ``base.KeyCustody``
is the seam (make/open a data key, destroy every copy, list what is left).
"""

from sai.inventory.custody.base import DATA_KEY_BITS, DataKey, KeyCustody, KeyInfo
from sai.inventory.custody.file import FileCustody
from sai.inventory.custody.pkcs11 import Pkcs11Custody, Pkcs11Settings
from sai.inventory.custody.registry import BACKENDS, CustodySettings, custody_of, open_custody

__all__ = [
    "BACKENDS",
    "DATA_KEY_BITS",
    "CustodySettings",
    "DataKey",
    "FileCustody",
    "KeyCustody",
    "KeyInfo",
    "Pkcs11Custody",
    "Pkcs11Settings",
    "custody_of",
    "open_custody",
]
