"""CycloneDX 1.6 AI-BOM of the recorded inventory, with EN 304 223 declarations.

Models become ``machine-learning-model`` components (with model-card fields from sai.yaml),
datasets ``data`` components, prompts and configurations ``file`` components and the Python
environment ``library`` components with package URLs; the inventory's edges become the
dependency graph. ``declarations`` map each inventory provision to the ledger entries that
evidence it. The document is checked against the CycloneDX 1.6 schema before it is returned.
The model card and dataset sections are made in `sai.inventory.bom.cyclonedx_cards`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sai import __version__
from sai.inventory.assets import Asset, AssetType, Inventory
from sai.inventory.bom._common import DatasetOrigin, EvidenceRef, require_ai_assets
from sai.inventory.bom.cyclonedx_cards import asset_ref, dataset_data, model_card
from sai.inventory.errors import InventoryError
from sai.manifest import Manifest

_HASH_NAMES = {"sha256": "SHA-256", "blake2b": "BLAKE2b-512", "blake3": "BLAKE3"}
_TYPES = {
    AssetType.application: "application",
    AssetType.model: "machine-learning-model",
    AssetType.dataset: "data",
    AssetType.prompt: "file",
    AssetType.config: "file",
    AssetType.endpoint: "platform",
    AssetType.service: "application",
}


def _hashes(asset: Asset) -> list[dict[str, str]]:
    if asset.digest is None or asset.details.get("digest_of") == "tree":
        return []
    algorithm, _, value = asset.digest.partition(":")
    return [{"alg": _HASH_NAMES[algorithm], "content": value}] if algorithm in _HASH_NAMES else []


def _properties(asset: Asset) -> list[dict[str, str]]:
    props = [{"name": "sai:status", "value": asset.status}]
    if asset.location:
        props.append({"name": "sai:location", "value": asset.location})
    if asset.confidential:
        props.append({"name": "sai:confidential", "value": "true"})
    if asset.details.get("digest_of") == "tree" and asset.digest:
        props.append({"name": "sai:model-signing-root-digest", "value": asset.digest})
    for key in ("format", "source", "purpose"):
        if asset.details.get(key):
            props.append({"name": f"sai:{key}", "value": str(asset.details[key])})
    return props


def _component(
    manifest: Manifest, asset: Asset, origin: DatasetOrigin | None = None
) -> dict[str, Any]:
    component: dict[str, Any] = {
        "type": _TYPES[asset.type],
        "bom-ref": asset_ref(asset.name),
        "name": asset.name,
    }
    if asset.version:
        component["version"] = asset.version
    if asset.owner:
        component["authors"] = [{"name": asset.owner}]
    spec = manifest.asset(asset.name)
    card = getattr(spec, "card", None)
    if card is not None and card.description:
        component["description"] = card.description
    if card is not None and card.licence:
        component["licenses"] = [{"expression": card.licence}]
    if hashes := _hashes(asset):
        component["hashes"] = hashes
    if asset.type is AssetType.model and (card := model_card(manifest, asset)):
        component["modelCard"] = card
    if asset.type is AssetType.dataset:
        component["data"] = [dataset_data(manifest, asset, origin)]
    url = origin.source_url if origin else asset.location
    if url and url.startswith(("http://", "https://")):
        component["externalReferences"] = [{"type": "distribution", "url": url}]
    component["properties"] = _properties(asset) + [
        {"name": f"sai:provenance:{name}", "value": value}
        for name, value in (origin.properties() if origin else [])
    ]
    return component


def _packages(asset: Asset) -> list[dict[str, Any]]:
    return [
        {
            "type": "library",
            "bom-ref": f"pypi:{name}@{version}",
            "name": name,
            "version": version,
            "purl": f"pkg:pypi/{name}@{version}",
        }
        for name, version in asset.details.get("packages", [])
    ]


def _dependencies(inventory: Inventory, packages: Sequence[str]) -> list[dict[str, Any]]:
    graph: dict[str, list[str]] = {
        asset_ref(a.name): [] for a in inventory.assets if a.type is not AssetType.dependencies
    }
    for edge in inventory.edges:
        target = inventory.asset(edge.target)
        if target is not None and target.type is AssetType.dependencies:
            graph.setdefault(asset_ref(edge.source), []).extend(packages)
        else:
            graph.setdefault(asset_ref(edge.source), []).append(asset_ref(edge.target))
    graph.update({ref: [] for ref in packages})
    return [{"ref": ref, "dependsOn": sorted(set(deps))} for ref, deps in graph.items()]


def _declarations(
    system_ref: str, evidence: Mapping[str, Sequence[EvidenceRef]], titles: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    claims, items, mapping = [], [], []
    for provision in sorted(evidence):
        refs = evidence[provision]
        claim_refs = []
        for ref in refs:
            evidence_ref = f"evidence:{ref.index}"
            items.append(
                {
                    "bom-ref": evidence_ref,
                    "propertyName": ref.kind,
                    "description": f"ledger entry {ref.index}: {ref.kind} about {ref.subject}",
                    "created": ref.time.isoformat().replace("+00:00", "Z"),
                }
            )
            claim_refs.append(evidence_ref)
        claims.append(
            {
                "bom-ref": f"claim:{provision}",
                "target": system_ref,
                "predicate": f"meets EN 304 223 provision {provision}",
                "evidence": claim_refs,
            }
        )
        mapping.append({"requirement": f"req:{provision}", "claims": [f"claim:{provision}"]})
    declarations = {
        "assessors": [{"bom-ref": "assessor:sai", "thirdParty": False}],
        "attestations": [
            {
                "summary": "Evidence recorded in the sai ledger",
                "assessor": "assessor:sai",
                "map": mapping,
            }
        ],
        "claims": claims,
        "evidence": items,
    }
    definitions = {
        "standards": [
            {
                "bom-ref": "std:en304223",
                "name": "ETSI EN 304 223",
                "version": "2.1.1",
                "requirements": [
                    {"bom-ref": f"req:{p}", "identifier": p, "title": titles.get(p, p)}
                    for p in sorted(evidence)
                ],
            }
        ]
    }
    return declarations, definitions


def cyclonedx_bom(
    inventory: Inventory,
    manifest: Manifest,
    *,
    evidence: Mapping[str, Sequence[EvidenceRef]],
    titles: Mapping[str, str],
    timestamp: datetime,
    serial: uuid.UUID | None = None,
    origins: Mapping[str, DatasetOrigin] | None = None,
) -> dict[str, Any]:
    """The CycloneDX 1.6 document as a dict, validated against the schema."""
    require_ai_assets(inventory)
    system = inventory.asset(inventory.system)
    others = [a for a in inventory.assets if a is not system]
    environment = [a for a in others if a.type is AssetType.dependencies]
    packages = [c for env in environment for c in _packages(env)]
    document: dict[str, Any] = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": (serial or uuid.uuid4()).urn,
        "version": 1,
        "metadata": {
            "timestamp": timestamp.isoformat().replace("+00:00", "Z"),
            "tools": {
                "components": [{"type": "application", "name": "sai", "version": __version__}]
            },
            "component": {
                "type": "application",
                "bom-ref": asset_ref(inventory.system),
                "name": inventory.system,
                "description": manifest.description or manifest.intended_use,
            },
        },
        "components": [
            _component(manifest, a, (origins or {}).get(a.name))
            for a in others
            if a.type is not AssetType.dependencies
        ]
        + packages,
        "dependencies": _dependencies(inventory, [p["bom-ref"] for p in packages]),
    }
    if evidence:
        document["declarations"], document["definitions"] = _declarations(
            asset_ref(inventory.system), evidence, titles
        )
    validate_cyclonedx(document)
    return document


def validate_cyclonedx(document: Mapping[str, Any]) -> None:
    """Raise `InventoryError` naming the first schema violation (needs cyclonedx-python-lib)."""
    try:
        from cyclonedx.schema import SchemaVersion
        from cyclonedx.validation.json import JsonStrictValidator
    except ImportError:  # pragma: no cover - the dependency is declared
        raise InventoryError("validating a CycloneDX BOM needs cyclonedx-python-lib") from None
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(document))
    if error is not None:
        raise InventoryError(f"the generated CycloneDX BOM violates the 1.6 schema: {error}")


__all__ = ["cyclonedx_bom", "validate_cyclonedx"]
