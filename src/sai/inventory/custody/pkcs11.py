"""PKCS#11 custody: each asset's KEK is a non-extractable AES-256 key inside an HSM token.

The data key is wrapped and unwrapped by the token (CKM_AES_GCM), so the KEK never leaves it;
destroying the asset's key object (every object with its label) makes the wrapped record
useless wherever copies of it went. Tested against SoftHSM2.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sai.inventory.custody._record import (
    WrappedKey,
    aad,
    read_record,
    record_copies,
    shred_record,
    write_record,
)
from sai.inventory.custody.base import DataKey, KeyCustody, KeyInfo
from sai.inventory.errors import SealError

if TYPE_CHECKING:
    from pkcs11 import Session


@dataclass(frozen=True)
class Pkcs11Settings:
    """Which PKCS#11 module and token to use, and the user PIN."""

    module: str
    token: str
    pin: str = ""

    def __repr__(self) -> str:
        return f"Pkcs11Settings(module={self.module!r}, token={self.token!r})"


class Pkcs11Custody(KeyCustody):
    """Data keys wrapped by per-asset KEKs that stay inside a PKCS#11 token."""

    backend: ClassVar[str] = "pkcs11"

    def __init__(self, records: Path, settings: Pkcs11Settings, namespace: str) -> None:
        super().__init__(records)
        self.settings = settings
        self.namespace = namespace

    def label(self, asset: str) -> str:
        """The KEK object's label: the workspace's namespace and a hash of the asset name."""
        digest = hashlib.sha256(f"{self.namespace}\x00{asset}".encode()).hexdigest()[:24]
        return f"sai-kek-{digest}"

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            import pkcs11
        except ImportError:
            raise SealError(
                "PKCS#11 custody needs python-pkcs11", hint="pip install 'sai[hsm]'"
            ) from None
        try:
            token = pkcs11.lib(self.settings.module).get_token(token_label=self.settings.token)
            with token.open(rw=True, user_pin=self.settings.pin or None) as session:
                yield session
        except pkcs11.PKCS11Error as exc:
            raise SealError(
                f"the PKCS#11 token {self.settings.token!r} failed: {type(exc).__name__} {exc}",
                hint="check SAI_PKCS11_MODULE, SAI_PKCS11_TOKEN and SAI_PKCS11_PIN",
            ) from None

    def _gcm(self, nonce: bytes, asset: str, kek: str) -> object:
        from pkcs11.mechanisms import GCMParams

        return GCMParams(nonce, aad(asset, kek), 128)

    def data_key(self, asset: str, *, create: bool) -> DataKey:
        from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass
        from pkcs11.exceptions import NoSuchKey, PKCS11Error

        record = read_record(self.records, asset)
        label = self.label(asset)
        kek = f"pkcs11:{self.settings.token}/{label}"
        if record is None:
            if not create:
                raise SealError(
                    f"{asset!r} has no data key (never sealed, or crypto-shredded)",
                    hint="a crypto-shredded asset cannot be unsealed",
                )
            key = AESGCM.generate_key(bit_length=256)
            nonce = secrets.token_bytes(12)
            with self._session() as session:
                for stale in session.get_objects({Attribute.LABEL: label}):
                    stale.destroy()  # NOTE: a KEK left by a seal that crashed before its record
                handle: Any = session.generate_key(
                    KeyType.AES,
                    256,
                    label=label,
                    store=True,
                    template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
                )
                wrapped = handle.encrypt(
                    key, mechanism=Mechanism.AES_GCM, mechanism_param=self._gcm(nonce, asset, kek)
                )
            record = WrappedKey(asset, self.backend, kek, nonce, bytes(wrapped))
            write_record(self.records, record)
            return DataKey(key, record.info, created=True)
        if record.custody != self.backend or record.kek != kek:
            raise SealError(f"{asset!r} was sealed under another custody ({record.kek})")
        with self._session() as session:
            try:
                found: Any = session.get_key(label=label, object_class=ObjectClass.SECRET_KEY)
                key = found.decrypt(
                    record.wrapped,
                    mechanism=Mechanism.AES_GCM,
                    mechanism_param=self._gcm(record.nonce, asset, kek),
                )
            except NoSuchKey:
                raise SealError(
                    f"the KEK of {asset!r} is gone from the token (crypto-shredded)",
                    hint="a crypto-shredded asset cannot be unsealed",
                ) from None
            except PKCS11Error as exc:
                raise SealError(f"the token cannot unwrap the key of {asset!r}: {exc!r}") from None
        return DataKey(bytes(key), record.info)

    def _objects(self, session: Session, asset: str) -> list[object]:
        from pkcs11 import Attribute

        return list(session.get_objects({Attribute.LABEL: self.label(asset)}))

    def info(self, asset: str) -> KeyInfo | None:
        record = read_record(self.records, asset)
        return None if record is None else record.info

    def destroy(self, asset: str) -> tuple[str, ...]:
        done: list[str] = []
        with self._session() as session:
            for found in self._objects(session, asset):
                found.destroy()  # type: ignore[attr-defined]
                done.append(f"PKCS#11 key object {self.settings.token}/{self.label(asset)}")
        shredded = shred_record(self.records, asset)
        if shredded is not None:
            done.append(f"wrapped data key {shredded}")
        return tuple(done)

    def copies(self, asset: str) -> tuple[str, ...]:
        with self._session() as session:
            found = len(self._objects(session, asset))
        left = [f"PKCS#11 key object {self.settings.token}/{self.label(asset)}"] * found
        return (*left, *record_copies(self.records, asset))


__all__ = ["Pkcs11Custody", "Pkcs11Settings"]
