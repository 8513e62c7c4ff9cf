"""The machine-learning parts of CycloneDX components: a model's card (training datasets,
metrics, intended use, prohibited uses, limitations, as the system card of `sai docs` says
them) and a dataset's data section (class and origin)."""

from __future__ import annotations

from typing import Any

from sai.inventory.assets import Asset
from sai.inventory.bom._common import DatasetOrigin
from sai.manifest import Manifest


def asset_ref(asset: str) -> str:
    """The ``bom-ref`` of the asset called ``asset``."""
    return f"asset:{asset}"


_PROHIBITED = "Stated as a prohibited use in the user guide published by `sai docs publish`."


def model_card(manifest: Manifest, asset: Asset) -> dict[str, Any] | None:
    """The ``modelCard`` of the model ``asset`` (None when sai.yaml says nothing of it)."""
    spec = next((m for m in manifest.models if m.name == asset.name), None)
    if spec is None:
        return None
    card: dict[str, Any] = {}
    if spec.trained_on:
        card["modelParameters"] = {
            "datasets": [{"ref": asset_ref(name)} for name in spec.trained_on],
        }
    if spec.card and spec.card.metrics:
        card["quantitativeAnalysis"] = {
            "performanceMetrics": [
                {"type": name, "value": str(value)} for name, value in spec.card.metrics.items()
            ]
        }
    # NOTE: the same facts as the system card of `sai docs` (5.2.4-1.1): intended use, what
    # the model must not be used for, and its known limitations.
    considerations: dict[str, Any] = {}
    if manifest.intended_use:
        considerations["useCases"] = [manifest.intended_use]
    if spec.card and spec.card.limitations:
        considerations["technicalLimitations"] = list(spec.card.limitations)
    if manifest.prohibited_uses:
        considerations["ethicalConsiderations"] = [
            {"name": f"Not to be used for: {use}", "mitigationStrategy": _PROHIBITED}
            for use in manifest.prohibited_uses
        ]
    if considerations:
        card["considerations"] = considerations
    return card or None


def dataset_data(manifest: Manifest, asset: Asset, origin: DatasetOrigin | None) -> dict[str, Any]:
    """The ``data`` entry of the dataset ``asset``."""
    data: dict[str, Any] = {"type": "dataset", "name": asset.name}
    spec = next((d for d in manifest.datasets if d.name == asset.name), None)
    sensitivity = spec.effective_sensitivity if spec is not None else None
    if sensitivity is not None:
        data["classification"] = sensitivity.value
    if origin is not None:
        data["description"] = origin.sentence()
        if origin.source_url.startswith(("http://", "https://")):
            data["contents"] = {"url": origin.source_url}
    return data


__all__ = ["asset_ref", "dataset_data", "model_card"]
