"""AI-BOM output: CycloneDX 1.6 JSON or SPDX 3.0.1 JSON-LD, with EN 304 223 evidence."""

from sai.inventory.bom._common import EvidenceRef
from sai.inventory.bom.cyclonedx import cyclonedx_bom, validate_cyclonedx
from sai.inventory.bom.from_ledger import DECLARED, bom_from_ledger
from sai.inventory.bom.spdx import spdx_bom

__all__ = [
    "DECLARED",
    "EvidenceRef",
    "bom_from_ledger",
    "cyclonedx_bom",
    "spdx_bom",
    "validate_cyclonedx",
]
