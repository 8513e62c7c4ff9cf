"""sai's model-file scanner as the `ModelGate` that loads local models for the gateway's
``/v1/predict`` and the console's explanations (the CLI and the demo wire it in; the gateway
itself never imports the scanner)."""

from __future__ import annotations

from sai.gateway.predict import ModelCheck


def scanned_model(data: bytes, source: str) -> ModelCheck:
    """Scan ``data`` (from ``source``) without executing it; safe only when nothing is found."""
    from sai.scanning import ScanSettings, ScanVerdict, scan_bytes

    result = scan_bytes(data, source, ScanSettings())
    findings = tuple(sorted({f.rule for f in result.findings}))
    safe = result.verdict is ScanVerdict.safe
    return ModelCheck(safe, result.digest, findings or (() if safe else (result.verdict.value,)))


__all__ = ["scanned_model"]
