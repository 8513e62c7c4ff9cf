"""Payloads of disposal: approval, start and end of a disposal, transfer, retirement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Payload


@dataclass(frozen=True)
class DisposalApproved(Payload):
    """A data custodian approved disposing of an asset (or, for the system's name, of all)."""

    KIND: ClassVar[Kind] = Kind.DISPOSAL_APPROVED
    custodian: str
    role: str
    scope: str


@dataclass(frozen=True)
class DisposalStarted(Payload):
    """A disposal began: what it will erase and under which approval."""

    KIND: ClassVar[Kind] = Kind.DISPOSAL_STARTED
    disposal: str
    reason: str
    approval: int
    technique: str
    files: int
    forced: bool = False
    dependents: tuple[str, ...] = ()


@dataclass(frozen=True)
class DisposalCompleted(Payload):
    """A verified disposal: the certificate's fields (NIST SP 800-88), as signed."""

    KIND: ClassVar[Kind] = Kind.DISPOSAL_COMPLETED
    disposal: str
    asset: JsonObject
    sanitization: JsonObject
    verification: JsonObject
    tool: JsonObject
    date: str
    operator: str
    approved_by: str
    approval: int
    reason: str
    system: str


@dataclass(frozen=True)
class AssetTransferred(Payload):
    """An asset packaged for a new owner, encrypted to their X25519 key."""

    KIND: ClassVar[Kind] = Kind.ASSET_TRANSFERRED
    recipient: str
    package_digest: str
    files: int
    bytes: int
    scheme: str


@dataclass(frozen=True)
class SystemDecommissioned(Payload):
    """The system retired: assets disposed, gateway keys revoked, routes disabled."""

    KIND: ClassVar[Kind] = Kind.SYSTEM_DECOMMISSIONED
    system: str
    reason: str
    approved_by: str
    disposed: tuple[str, ...]
    revoked_keys: tuple[str, ...]
    disabled_routes: tuple[str, ...]
    certificates: tuple[str, ...]


__all__ = [
    "AssetTransferred",
    "DisposalApproved",
    "DisposalCompleted",
    "DisposalStarted",
    "SystemDecommissioned",
]
