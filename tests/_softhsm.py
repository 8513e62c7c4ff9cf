"""A SoftHSM2 token per test session, in its own SOFTHSM2_CONF (skip, or fail in CI, without it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sai.inventory.custody import Pkcs11Settings
from tests.conftest import skip_or_fail

MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
)
TOKEN = "sai-test"
PIN = "4321"


def softhsm_module() -> str:
    """The SoftHSM2 PKCS#11 module, or skip/fail naming the Debian package."""
    found = next((m for m in MODULES if Path(m).is_file()), None)
    if found is None or shutil.which("softhsm2-util") is None:
        skip_or_fail("SoftHSM2 is not installed (Debian package softhsm2)")
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        skip_or_fail("python-pkcs11 is not installed (extra 'hsm')")
    return found


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pkcs11Settings]:
    """A fresh token in a temporary SOFTHSM2_CONF, for the whole session."""
    module = softhsm_module()
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            TOKEN,
            "--pin",
            PIN,
            "--so-pin",
            "8765",
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "SOFTHSM2_CONF": str(conf)},
    )
    yield Pkcs11Settings(module, TOKEN, PIN)
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous
