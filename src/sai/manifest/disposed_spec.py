"""Assets disposed of, as `sai.yaml` keeps them: `sai dispose` moves an asset's entry out of
its section into ``disposed:``, naming the disposal and its ledger entry, so that the manifest
no longer declares a file that is gone and still says what was there."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, Field

from sai.manifest._types import STRICT_MODEL, AssetName, Line, When
from sai.manifest.assets_spec import Sensitivity


class AssetKind(enum.StrEnum):
    """The section of sai.yaml a disposed asset was declared in (singular)."""

    model = "model"
    dataset = "dataset"
    prompt = "prompt"
    config = "config"


class DisposedAsset(BaseModel):
    """An asset disposed of with `sai dispose` (or transferred, or decommissioned)."""

    model_config = STRICT_MODEL

    name: AssetName
    """The asset's name while it was declared."""
    kind: AssetKind
    """``model``, ``dataset``, ``prompt`` or ``config``."""
    disposal: Line
    """The disposal's id (``dsp-…``), as on its certificate."""
    entry: Annotated[int, Field(strict=True, ge=0)]
    """Index of the ``disposal.completed`` ledger entry that evidences it."""
    date: When
    """When the disposal was recorded."""
    sensitivity: Sensitivity | None = None
    """A dataset's class when it was disposed of (models trained on it keep that history)."""
    trained: list[AssetName] = []
    """Models that were trained on the dataset; their ``trained_on`` no longer names it."""


__all__ = ["AssetKind", "DisposedAsset"]
