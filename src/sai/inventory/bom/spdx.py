"""SPDX 3.0.1 AI-BOM of the recorded inventory (JSON-LD), with EN 304 223 evidence annotations.

Built with the SPDX project's own Python bindings (``spdx-python-model``, generated from the
3.0.1 SHACL model), which check every value's type and every property's cardinality when the
document is serialised. The layout: an ``SpdxDocument`` whose root is a ``software_Sbom``
(type ``analyzed``) rooted at the AI system's package. Models become ``ai_AIPackage``,
datasets ``dataset_DatasetPackage``, prompts and configurations ``software_File``, endpoints
and services ``software_Package``, the Python environment one ``software_Package`` per
distribution with its package URL. The inventory's edges become relationships
(``trainedOn``, ``dependsOn``), licences ``hasDeclaredLicense`` relationships, and each
provision's ledger evidence an ``Annotation`` on the system. The elements of each asset are
made in `sai.inventory.bom.spdx_elements`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sai.inventory.assets import AssetType, Inventory
from sai.inventory.bom._common import DatasetOrigin, EvidenceRef, require_ai_assets
from sai.inventory.bom.spdx_elements import (
    SpdxBuilder,
    bindings,
    dataset_element,
    model_element,
    other_element,
    package_elements,
)
from sai.inventory.errors import InventoryError
from sai.manifest import Manifest


def _annotations(
    builder: SpdxBuilder,
    system: Any,
    evidence: Mapping[str, Sequence[EvidenceRef]],
    titles: Mapping[str, str],
) -> None:
    for provision in sorted(evidence):
        cited = ", ".join(
            f"{ref.index} ({ref.kind} about {ref.subject})" for ref in evidence[provision]
        )
        builder.add(
            builder.spdx.Annotation,
            f"evidence/{provision}",
            annotationType=builder.spdx.AnnotationType.other,
            subject=system,
            statement=(
                f"ETSI EN 304 223 provision {provision} ({titles.get(provision, provision)}): "
                f"evidence in the sai ledger, entries {cited}"
            ),
        )


def spdx_bom(
    inventory: Inventory,
    manifest: Manifest,
    *,
    evidence: Mapping[str, Sequence[EvidenceRef]],
    titles: Mapping[str, str],
    timestamp: datetime,
    serial: uuid.UUID | None = None,
    origins: Mapping[str, DatasetOrigin] | None = None,
) -> dict[str, Any]:
    """The SPDX 3.0.1 JSON-LD document as a dict, checked by the SPDX bindings."""
    require_ai_assets(inventory)
    spdx = bindings()
    creator = manifest.people.owners[0].name if manifest.people.owners else manifest.name
    builder = SpdxBuilder(spdx, f"urn:uuid:{serial or uuid.uuid4()}#", timestamp, creator)
    system_asset = inventory.asset(inventory.system)
    system = builder.add(
        spdx.software_Package,
        f"asset/{inventory.system}",
        name=inventory.system,
        description=manifest.description or manifest.intended_use,
        software_primaryPurpose=spdx.software_SoftwarePurpose.application,
    )
    by_name: dict[str, list[Any]] = {inventory.system: [system]}
    for asset in inventory.assets:
        if asset is system_asset:
            continue
        if asset.type is AssetType.dependencies:
            by_name[asset.name] = package_elements(builder, asset)
        elif asset.type is AssetType.model:
            by_name[asset.name] = [model_element(builder, asset, manifest)]
        elif asset.type is AssetType.dataset:
            origin = (origins or {}).get(asset.name)
            by_name[asset.name] = [dataset_element(builder, asset, manifest, origin)]
        else:
            by_name[asset.name] = [other_element(builder, asset, manifest)]
    _relationships(builder, inventory, manifest, by_name)
    _annotations(builder, system, evidence, titles)
    return _document(builder, inventory.system, system)


def _relationships(
    builder: SpdxBuilder, inventory: Inventory, manifest: Manifest, by_name: Mapping[str, list[Any]]
) -> None:
    kinds = {"uses": "dependsOn", "trained_on": "trainedOn", "fronts": "dependsOn"}
    for edge in inventory.edges:
        sources, targets = by_name.get(edge.source), by_name.get(edge.target)
        if sources and targets:
            comment = "the gateway fronts this endpoint" if edge.relation.value == "fronts" else ""
            builder.relate(sources[0], kinds[edge.relation.value], targets, comment)
    for spec in manifest.models:
        if spec.card is not None and spec.card.licence and spec.name in by_name:
            licence = builder.add(
                builder.spdx.simplelicensing_LicenseExpression,
                f"licence/{spec.name}",
                simplelicensing_licenseExpression=spec.card.licence,
            )
            builder.relate(by_name[spec.name][0], "hasDeclaredLicense", [licence])


def _document(builder: SpdxBuilder, name: str, system: Any) -> dict[str, Any]:
    spdx = builder.spdx
    profiles = [
        getattr(spdx.ProfileIdentifierType, p)
        for p in ("core", "software", "ai", "dataset", "simpleLicensing")
    ]
    members = list(builder.elements)
    sbom = builder.add(
        spdx.software_Sbom,
        "sbom",
        name=f"AI-BOM of {name}",
        rootElement=[system],
        element=members,
        software_sbomType=[spdx.software_SbomType.analyzed],
        profileConformance=profiles,
    )
    builder.add(
        spdx.SpdxDocument,
        "document",
        name=f"AI-BOM of {name}",
        rootElement=[sbom],
        element=[*members, sbom],
        profileConformance=profiles,
        dataLicense=builder.add(
            spdx.simplelicensing_LicenseExpression,
            "licence/data",
            simplelicensing_licenseExpression="CC0-1.0",
        ),
    )
    objects = spdx.SHACLObjectSet()
    for element in builder.elements:
        objects.add(element)
    try:
        data: dict[str, Any] = spdx.JSONLDSerializer().serialize_data(objects)
    except (ValueError, TypeError) as exc:  # the bindings' cardinality and type checks
        raise InventoryError(f"the generated SPDX 3.0.1 document is invalid: {exc}") from None
    return data


__all__ = ["spdx_bom"]
