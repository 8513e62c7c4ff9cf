"""`sai.ledger.kinds` names every payload of its registry, and loads them only on demand."""

from __future__ import annotations

import json
import subprocess
import sys

from sai.ledger import kinds
from sai.ledger.kinds import _exports, registry


def test_the_package_names_exactly_its_exports() -> None:
    assert set(kinds.__all__) == set(_exports.__all__)
    for name in _exports.__all__:
        assert getattr(kinds, name) is getattr(_exports, name)


def test_every_registered_payload_is_named_by_the_package() -> None:
    for payload in registry.PAYLOADS.values():
        assert getattr(kinds, payload.__name__) is payload


def test_a_payload_module_loads_without_the_others() -> None:
    code = (
        "import json, sys; from sai.ledger.kinds.scanning import ScanResult; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('sai.ledger.kinds'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert "sai.ledger.kinds.registry" not in loaded
    assert "sai.ledger.kinds._exports" not in loaded
    assert "sai.ledger.kinds.inventory" not in loaded
    assert "sai.ledger.kinds.scanning" in loaded
