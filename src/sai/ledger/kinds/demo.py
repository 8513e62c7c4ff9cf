"""Payloads of the demo's lifecycle events (a dataset made, a model trained)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Payload


@dataclass(frozen=True)
class DatasetCreated(Payload):
    """A dataset was written, at this digest."""

    KIND: ClassVar[Kind] = Kind.DATASET_CREATED
    digest: str
    rows: int
    path: str


@dataclass(frozen=True)
class ModelTrained(Payload):
    """A model was trained on datasets at known digests."""

    KIND: ClassVar[Kind] = Kind.MODEL_TRAINED
    digest: str
    trained_on: JsonObject
    algorithm: str
    test_accuracy: str


__all__ = ["DatasetCreated", "ModelTrained"]
