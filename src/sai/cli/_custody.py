"""Key-custody settings from the environment (read here, at the entry point)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sai.inventory.custody import CustodySettings

MODULE_ENV = "SAI_PKCS11_MODULE"
TOKEN_ENV = "SAI_PKCS11_TOKEN"  # noqa: S105 - the name of a variable, not a secret
PIN_ENV = "SAI_PKCS11_PIN"


def custody_settings(env: Mapping[str, str] | None = None) -> CustodySettings:
    """PKCS#11 custody when ``SAI_PKCS11_MODULE`` is set (with its token and PIN), else file."""
    from sai.errors import InputError
    from sai.inventory.custody import CustodySettings, Pkcs11Settings

    env = os.environ if env is None else env
    module = env.get(MODULE_ENV, "").strip()
    if not module:
        return CustodySettings()
    token = env.get(TOKEN_ENV, "").strip()
    if not token:
        raise InputError(
            f"{MODULE_ENV} is set but {TOKEN_ENV} is not",
            hint="name the PKCS#11 token (its label) that holds sai's key-encryption keys",
        )
    return CustodySettings(Pkcs11Settings(module, token, env.get(PIN_ENV, "")))
