"""API keys: created once and shown once, stored only as SHA-256 hashes, revocable, expiring.

A secret looks like ``sai_<key id>_<43 random url-safe characters>`` (256 bits of entropy).
The key id inside it finds the stored hash in one lookup; the hash is compared in constant
time. A fast hash is enough for secrets of this entropy (no password to guess). Creating and
revoking keys are ledger entries (5.2.2-1).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NewType

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sai.gateway.errors import ApiKeyError
from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import GatewayKeyCreated, GatewayKeyRevoked, Kind
from sai.store import gateway_keys, reading, writing

KeyId = NewType("KeyId", str)

#: Provisions that key management evidences: securing the API and its access.
KEY_PROVISIONS = ("5.2.2-1",)
_SECRET = re.compile(r"sai_([0-9a-f]{12})_[A-Za-z0-9_-]{43}")
_DUMMY_HASH = hashlib.sha256(b"sai-no-such-key").digest()


@dataclass(frozen=True)
class ApiKey:
    """A stored key's public facts (never the secret)."""

    key_id: KeyId
    name: str
    role: str
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None

    def state(self, now: datetime) -> str:
        """``active``, ``expired`` or ``revoked``."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and now >= self.expires_at:
            return "expired"
        return "active"

    def as_json(self) -> dict[str, str | None]:
        """The key's facts as JSON-ready strings."""
        return {
            "key_id": self.key_id,
            "name": self.name,
            "role": self.role,
            "created_at": self.created_at.isoformat(),
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


@dataclass(frozen=True)
class NewKey:
    """A freshly created key and its secret, which is shown once and not stored."""

    key: ApiKey
    secret: str

    def __repr__(self) -> str:
        return f"NewKey(key={self.key!r}, secret='sai_{self.key.key_id}_…')"


def hash_secret(secret: str) -> bytes:
    """The stored form of a secret."""
    return hashlib.sha256(secret.encode("utf-8")).digest()


def key_id_of(secret: str) -> KeyId | None:
    """The key id inside a well-formed secret, else None."""
    match = _SECRET.fullmatch(secret)
    return KeyId(match.group(1)) if match else None


def secret_matches(secret: str, stored: bytes | None) -> bool:
    """Constant-time comparison of a presented secret with a stored hash."""
    return hmac.compare_digest(hash_secret(secret), stored if stored is not None else _DUMMY_HASH)


def _row_key(row: sa.Row[tuple[object, ...]]) -> ApiKey:
    return ApiKey(
        key_id=KeyId(str(row.key_id)),
        name=str(row.name),
        role=str(row.role),
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


class KeyStore:
    """The ``gateway_keys`` table."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(
        self, name: str, role: str, *, expires_at: datetime | None = None, now: datetime
    ) -> NewKey:
        """Store a new key's hash and return the key with its secret."""
        key_id = KeyId(secrets.token_hex(6))
        secret = f"sai_{key_id}_{secrets.token_urlsafe(32)}"
        key = ApiKey(key_id, name, role, now, expires_at)
        with writing(self._engine) as conn:
            conn.execute(
                sa.insert(gateway_keys).values(
                    key_id=key_id,
                    name=name,
                    role=role,
                    secret_sha256=hash_secret(secret),
                    created_at=now,
                    expires_at=expires_at,
                )
            )
        return NewKey(key, secret)

    def revoke(self, key_id: str, *, now: datetime) -> ApiKey:
        """Mark the key revoked (a second revoke keeps the first time)."""
        with writing(self._engine) as conn:
            conn.execute(
                sa.update(gateway_keys)
                .where(gateway_keys.c.key_id == key_id, gateway_keys.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        key = self.get(key_id)
        if key is None:
            raise ApiKeyError(
                f"no API key with id {key_id!r}", hint="list keys with `sai gateway keys list`"
            )
        return key

    def get(self, key_id: str) -> ApiKey | None:
        """The key with ``key_id``, or None."""
        with reading(self._engine) as conn:
            row = conn.execute(
                sa.select(gateway_keys).where(gateway_keys.c.key_id == key_id)
            ).first()
        return None if row is None else _row_key(row)

    def all_with_hashes(self) -> list[tuple[ApiKey, bytes]]:
        """Every key with its stored hash (for the gateway's in-memory cache)."""
        with reading(self._engine) as conn:
            rows = conn.execute(sa.select(gateway_keys)).all()
        return [(_row_key(row), bytes(row.secret_sha256)) for row in rows]

    def list(self) -> list[ApiKey]:
        """Every key, oldest first."""
        return sorted((key for key, _ in self.all_with_hashes()), key=lambda k: k.created_at)


def create_key(
    ledger: Ledger,
    name: str,
    role: str,
    *,
    roles: tuple[str, ...],
    expires_at: datetime | None = None,
    actor: str = "sai",
    now: datetime | None = None,
) -> NewKey:
    """Create a key for a configured role and record ``gateway.key.created`` in the ledger."""
    now = now or datetime.now(UTC)
    if role not in roles:
        raise ApiKeyError(
            f"unknown role {role!r}",
            hint=f"roles configured in sai.yaml's gateway.roles: {', '.join(sorted(roles))}",
        )
    if not name.strip() or len(name) > 200:
        raise ApiKeyError("the key name must be 1 to 200 characters", hint="e.g. --name ci-bot")
    if expires_at is not None and expires_at <= now:
        raise ApiKeyError(
            f"--expires {expires_at.isoformat()} is in the past",
            hint="give a future date, e.g. 2030-01-31",
        )
    new = KeyStore(ledger.engine).create(name, role, expires_at=expires_at, now=now)
    ledger.append(
        Evidence.create(
            kind=Kind.GATEWAY_KEY_CREATED,
            origin=Origin.control("gateway.keys"),
            subject="gateway",
            provisions=KEY_PROVISIONS,
            actor=actor,
            data=GatewayKeyCreated(
                key_id=new.key.key_id,
                name=new.key.name,
                role=new.key.role,
                created_at=new.key.created_at.isoformat(),
                expires_at=new.key.expires_at.isoformat() if new.key.expires_at else None,
            ).to_data(),
            time=now,
        )
    )
    return new


def revoke_key(
    ledger: Ledger, key_id: str, *, actor: str = "sai", now: datetime | None = None
) -> ApiKey:
    """Revoke a key and record ``gateway.key.revoked``."""
    now = now or datetime.now(UTC)
    key = KeyStore(ledger.engine).revoke(key_id, now=now)
    ledger.append(
        Evidence.create(
            kind=Kind.GATEWAY_KEY_REVOKED,
            origin=Origin.control("gateway.keys"),
            subject="gateway",
            provisions=KEY_PROVISIONS,
            actor=actor,
            data=GatewayKeyRevoked(key_id=key.key_id, name=key.name, role=key.role).to_data(),
            time=now,
        )
    )
    return key


__all__ = [
    "KEY_PROVISIONS",
    "ApiKey",
    "KeyId",
    "KeyStore",
    "NewKey",
    "create_key",
    "hash_secret",
    "key_id_of",
    "revoke_key",
    "secret_matches",
]
