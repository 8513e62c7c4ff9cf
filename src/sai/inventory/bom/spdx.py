"""SPDX 3.0.1 AI-BOM of the recorded inventory (JSON-LD), with EN 304 223 evidence annotations.

Built with the SPDX project's own Python bindings (``spdx-python-model``, generated from the
3.0.1 SHACL model), which check every value's type and every property's cardinality when the
document is serialised. The layout: an ``SpdxDocument`` whose root is a ``software_Sbom``
(type ``analyzed``) rooted at the AI system's package. Models become ``ai_AIPackage``,
datasets ``dataset_DatasetPackage``, prompts and configurations ``software_File``, endpoints
and services ``software_Package``, the Python environment one ``software_Package`` per
distribution with its package URL. The inventory's edges become relationships
(``trainedOn``, ``dependsOn``), licences ``hasDeclaredLicense`` relationships, and each
provision's ledger evidence an ``Annotation`` on the system.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sai import __version__
from sai.inventory.assets import Asset, AssetType, Inventory
from sai.inventory.bom._common import DatasetOrigin, EvidenceRef, require_ai_assets
from sai.inventory.errors import InventoryError
from sai.manifest import Manifest

_HASHES = {"sha256": "sha256", "blake2b": "blake2b512", "blake3": "blake3"}


def _bindings() -> Any:
    try:
        from spdx_python_model import v3_0_1
    except ImportError:
        raise InventoryError(
            "writing an SPDX 3 AI-BOM needs the spdx-python-model package",
            hint="install it with `pip install 'sai[spdx]'`",
        ) from None
    return v3_0_1


class _Builder:
    """Collects the document's elements; one instance per document."""

    def __init__(self, spdx: Any, namespace: str, created: datetime, creator: str) -> None:
        self.spdx = spdx
        self.namespace = namespace
        self.info = spdx.CreationInfo(specVersion="3.0.1", created=created.replace(microsecond=0))
        self.elements: list[Any] = []
        self._agents: dict[str, Any] = {}
        self.info.createdBy.append(self.agent(creator))
        tool = self.add(spdx.Tool, "tool/sai", name=f"sai {__version__}")
        self.info.createdUsing.append(tool)
        self._serial = 0

    def iri(self, local: str) -> str:
        return self.namespace + quote(local, safe="/:@-._~")

    def add(self, cls: Any, local: str, **values: Any) -> Any:
        element = cls(spdxId=self.iri(local), creationInfo=self.info, **values)
        self.elements.append(element)
        return element

    def agent(self, name: str) -> Any:
        if name not in self._agents:
            self._agents[name] = self.add(self.spdx.Organization, f"agent/{name}", name=name)
        return self._agents[name]

    def relate(self, source: Any, kind: str, targets: Sequence[Any], comment: str = "") -> None:
        self._serial += 1
        values: dict[str, Any] = {
            "from_": source,
            "relationshipType": getattr(self.spdx.RelationshipType, kind),
            "to": list(targets),
        }
        if comment:
            values["comment"] = comment
        self.add(self.spdx.Relationship, f"relationship/{self._serial}", **values)


def _hash(spdx: Any, asset: Asset) -> list[Any]:
    if asset.digest is None or asset.details.get("digest_of") == "tree":
        return []
    algorithm, _, value = asset.digest.partition(":")
    if algorithm not in _HASHES:
        return []
    return [spdx.Hash(algorithm=getattr(spdx.HashAlgorithm, _HASHES[algorithm]), hashValue=value)]


def _common(builder: _Builder, asset: Asset, manifest: Manifest) -> dict[str, Any]:
    values: dict[str, Any] = {"name": asset.name, "verifiedUsing": _hash(builder.spdx, asset)}
    if asset.owner:
        values["suppliedBy"] = builder.agent(asset.owner)
    if asset.version:
        values["software_packageVersion"] = asset.version
    if asset.location and asset.location.startswith(("http://", "https://")):
        values["software_downloadLocation"] = asset.location
    comments = [f"sai status: {asset.status}"]
    if asset.details.get("digest_of") == "tree" and asset.digest:
        comments.append(f"model-signing root digest: {asset.digest}")
    if asset.confidential:
        comments.append("confidential: encrypted at rest when sealed")
    values["comment"] = "; ".join(comments)
    spec = manifest.asset(asset.name)
    card = getattr(spec, "card", None)
    if card is not None and card.description:
        values["description"] = card.description
    return values


def _model(builder: _Builder, asset: Asset, manifest: Manifest) -> Any:
    spdx = builder.spdx
    values = _common(builder, asset, manifest)
    values["software_primaryPurpose"] = spdx.software_SoftwarePurpose.model
    values["ai_informationAboutApplication"] = manifest.intended_use
    spec = next((m for m in manifest.models if m.name == asset.name), None)
    if spec is not None and spec.card is not None:
        values["ai_metric"] = [
            spdx.DictionaryEntry(key=name, value=str(value))
            for name, value in spec.card.metrics.items()
        ]
        if spec.card.limitations:
            values["ai_limitation"] = " ".join(spec.card.limitations)
    return builder.add(spdx.ai_AIPackage, f"asset/{asset.name}", **values)


def _dataset(
    builder: _Builder, asset: Asset, manifest: Manifest, origin: DatasetOrigin | None
) -> Any:
    spdx = builder.spdx
    values = _common(builder, asset, manifest)
    values["software_primaryPurpose"] = spdx.software_SoftwarePurpose.data
    values["dataset_datasetType"] = [spdx.dataset_DatasetType.noAssertion]
    spec = next((d for d in manifest.datasets if d.name == asset.name), None)
    if spec is not None and spec.sources:
        values["dataset_dataCollectionProcess"] = "; ".join(
            " ".join(
                part
                for part in (
                    str(source.url or source.description or "unnamed source"),
                    f"(licence {source.licence})" if source.licence else "",
                    f"retrieved {source.retrieved.isoformat()}" if source.retrieved else "",
                )
                if part
            )
            for source in spec.sources
        )
    if origin is not None:
        measured = f"measured by sai: {origin.sentence()}"
        declared = values.get("dataset_dataCollectionProcess")
        values["dataset_dataCollectionProcess"] = (
            f"{declared}; {measured}" if declared else measured
        )
        values["software_downloadLocation"] = origin.source_url
    return builder.add(spdx.dataset_DatasetPackage, f"asset/{asset.name}", **values)


def _other(builder: _Builder, asset: Asset, manifest: Manifest) -> Any:
    spdx = builder.spdx
    values = _common(builder, asset, manifest)
    purpose = spdx.software_SoftwarePurpose
    if asset.type in (AssetType.prompt, AssetType.config):
        values["software_primaryPurpose"] = purpose.configuration
        return builder.add(spdx.software_File, f"asset/{asset.name}", **values)
    values["software_primaryPurpose"] = (
        purpose.platform if asset.type is AssetType.endpoint else purpose.application
    )
    return builder.add(spdx.software_Package, f"asset/{asset.name}", **values)


def _packages(builder: _Builder, asset: Asset) -> list[Any]:
    spdx = builder.spdx
    return [
        builder.add(
            spdx.software_Package,
            f"pypi/{name}@{version}",
            name=name,
            software_packageVersion=version,
            software_packageUrl=f"pkg:pypi/{quote(name.lower())}@{quote(version)}",
            software_primaryPurpose=spdx.software_SoftwarePurpose.library,
        )
        for name, version in asset.details.get("packages", [])
    ]


def _annotations(
    builder: _Builder,
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
    spdx = _bindings()
    creator = manifest.people.owners[0].name if manifest.people.owners else manifest.name
    builder = _Builder(spdx, f"urn:uuid:{serial or uuid.uuid4()}#", timestamp, creator)
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
            by_name[asset.name] = _packages(builder, asset)
        elif asset.type is AssetType.model:
            by_name[asset.name] = [_model(builder, asset, manifest)]
        elif asset.type is AssetType.dataset:
            origin = (origins or {}).get(asset.name)
            by_name[asset.name] = [_dataset(builder, asset, manifest, origin)]
        else:
            by_name[asset.name] = [_other(builder, asset, manifest)]
    _relationships(builder, inventory, manifest, by_name)
    _annotations(builder, system, evidence, titles)
    return _document(builder, inventory.system, system)


def _relationships(
    builder: _Builder, inventory: Inventory, manifest: Manifest, by_name: Mapping[str, list[Any]]
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


def _document(builder: _Builder, name: str, system: Any) -> dict[str, Any]:
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
