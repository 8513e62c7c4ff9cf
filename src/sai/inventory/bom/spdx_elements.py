"""The SPDX 3.0.1 elements of an AI-BOM's assets: the document builder (spdx-python-model
bindings), and one element per model, dataset, file, service or Python distribution."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sai import __version__
from sai.inventory.assets import Asset, AssetType
from sai.inventory.bom._common import DatasetOrigin
from sai.inventory.errors import InventoryError
from sai.manifest import Manifest

_HASHES = {"sha256": "sha256", "blake2b": "blake2b512", "blake3": "blake3"}


def bindings() -> Any:
    try:
        from spdx_python_model import v3_0_1
    except ImportError:
        raise InventoryError(
            "writing an SPDX 3 AI-BOM needs the spdx-python-model package",
            hint="install it with `pip install 'sai[spdx]'`",
        ) from None
    return v3_0_1


class SpdxBuilder:
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


def _common(builder: SpdxBuilder, asset: Asset, manifest: Manifest) -> dict[str, Any]:
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


def model_element(builder: SpdxBuilder, asset: Asset, manifest: Manifest) -> Any:
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


def dataset_element(
    builder: SpdxBuilder, asset: Asset, manifest: Manifest, origin: DatasetOrigin | None
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


def other_element(builder: SpdxBuilder, asset: Asset, manifest: Manifest) -> Any:
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


def package_elements(builder: SpdxBuilder, asset: Asset) -> list[Any]:
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


__all__ = [
    "SpdxBuilder",
    "bindings",
    "dataset_element",
    "model_element",
    "other_element",
    "package_elements",
]
