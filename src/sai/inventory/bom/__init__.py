"""AI-BOM output: CycloneDX 1.6 JSON with EN 304 223 declarations."""

from sai.inventory.bom.cyclonedx import EvidenceRef, cyclonedx_bom, validate_cyclonedx
from sai.inventory.bom.from_ledger import DECLARED, bom_from_ledger

__all__ = ["DECLARED", "EvidenceRef", "bom_from_ledger", "cyclonedx_bom", "validate_cyclonedx"]
