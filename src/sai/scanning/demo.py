"""The demo's scanning step: the declared model, a planted malicious download, the deps.

The malicious pickle is built from opcodes (it would call ``os.system`` with an ``echo``) and
placed in ``untrusted/``; it is NOT declared in sai.yaml, so it is recorded as a scanned
external candidate (subject ``untrusted/downloaded_model.pkl``) and the assessment of the
declared system is unaffected. Nothing is ever loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.scanning.deps import audit_with
from sai.scanning.engine import ScanSettings, scan_file
from sai.scanning.record import audit_evidence, record_scans
from sai.scanning.result import ScanVerdict

#: protocol-0 pickle of ``os.system("echo pwned")``; the demo never loads it.
MALICIOUS_PICKLE = b"cos\nsystem\n(S'echo pwned'\ntR."
_DEMO_OSV = [
    {
        "id": "DEMO-2026-0001",
        "summary": "Demo advisory for a package that is not installed (demo data).",
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": "sai-demo-nonexistent-package"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}],
            }
        ],
    }
]


@dataclass(frozen=True)
class DemoScan:
    """What the demo's scan found."""

    model_verdict: ScanVerdict
    malicious_verdict: ScanVerdict
    malicious_callable: str


def run_demo_scan(ledger: Ledger, manifest: LoadedManifest, root: Path, now: datetime) -> DemoScan:
    """Scan the declared models and a planted malicious pickle; audit deps; record all."""
    untrusted = root / "untrusted"
    untrusted.mkdir(parents=True, exist_ok=True)
    planted = untrusted / "downloaded_model.pkl"
    planted.write_bytes(MALICIOUS_PICKLE)
    osv = untrusted / "osv-demo.json"
    osv.write_text(json.dumps(_DEMO_OSV, indent=2), encoding="utf-8")
    settings = ScanSettings()
    models = [manifest.resolve(m.path) for m in manifest.manifest.models if m.path]
    results = [scan_file(path, settings) for path in [*models, planted]]
    record_scans(ledger, results, manifest=manifest, root=root, time=now)
    ledger.append(
        audit_evidence(
            audit_with(osv),
            database_path="untrusted/osv-demo.json (demo data)",
            time=now,
        )
    )
    bad = results[-1]
    return DemoScan(
        model_verdict=results[0].verdict if models else ScanVerdict.error,
        malicious_verdict=bad.verdict,
        malicious_callable=next((f.callable for f in bad.findings if f.callable), ""),
    )


__all__ = ["MALICIOUS_PICKLE", "DemoScan", "run_demo_scan"]
