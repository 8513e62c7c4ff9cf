"""The transfer package's envelope: HPKE to the recipient's X25519 key, then chunked AES-GCM.

Layout: ``SAIPKG1\\n``, one JSON header line, then chunks (4-byte big-endian length +
AES-256-GCM ciphertext). A random 256-bit content key is sealed to the recipient with HPKE
(RFC 9180: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM); chunk ``n`` uses nonce
``prefix || n`` and, as associated data, the header's SHA-256 and a final-chunk flag, so
chunks cannot be reordered, dropped or truncated unnoticed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import struct
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sai.disposal.errors import DisposalError

MAGIC = b"SAIPKG1\n"
FORMAT = "sai-transfer/1"
SCHEME = "HPKE(DHKEM-X25519-HKDF-SHA256, HKDF-SHA256, AES-256-GCM) + AES-256-GCM chunks"
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_CHUNK = 1 << 20
_MAX_HEADER = 64 * 1024


def fingerprint(key: X25519PublicKey) -> str:
    """``sha256:<hex>`` of the raw public key."""
    return "sha256:" + hashlib.sha256(key.public_bytes_raw()).hexdigest()


class SealedWriter:
    """A write-only stream that encrypts what it is given into ``out`` (for tarfile ``w|``)."""

    def __init__(self, out: IO[bytes], recipient: X25519PublicKey, meta: dict[str, Any]) -> None:
        self._cek = AESGCM.generate_key(bit_length=256)
        self._prefix = secrets.token_bytes(8)
        header = {
            **meta,
            "format": FORMAT,
            "scheme": SCHEME,
            "recipient": fingerprint(recipient),
            "cek": base64.b64encode(_SUITE.encrypt(self._cek, recipient, info=MAGIC)).decode(),
            "nonce_prefix": base64.b64encode(self._prefix).decode(),
        }
        line = json.dumps(header, sort_keys=True).encode() + b"\n"
        self._aad = hashlib.sha256(line).digest()
        self._out = out
        self._buffer = bytearray()
        self._counter = 0
        out.write(MAGIC + line)

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) > _CHUNK:
            self._emit(bytes(self._buffer[:_CHUNK]), final=False)
            del self._buffer[:_CHUNK]
        return len(data)

    def _emit(self, chunk: bytes, *, final: bool) -> None:
        nonce = self._prefix + struct.pack(">I", self._counter)
        sealed = AESGCM(self._cek).encrypt(
            nonce, chunk, self._aad + (b"\x01" if final else b"\x00")
        )
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._counter += 1

    def finish(self) -> None:
        """Write the last chunk (flagged final)."""
        self._emit(bytes(self._buffer), final=True)
        self._buffer.clear()


def read_header(stream: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    """The package header and its SHA-256 (the chunks' associated data)."""
    if stream.read(len(MAGIC)) != MAGIC:
        raise DisposalError("this is not a sai transfer package")
    line = stream.readline(_MAX_HEADER)
    try:
        header = json.loads(line)
    except ValueError:
        raise DisposalError("the package header is not JSON") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise DisposalError("the package header is not sai-transfer/1")
    return header, hashlib.sha256(line).digest()


class OpenedReader:
    """A read-only stream of the decrypted package (for tarfile ``r|``)."""

    def __init__(self, stream: IO[bytes], private: X25519PrivateKey) -> None:
        self.header, self._aad = read_header(stream)
        try:
            wrapped = base64.b64decode(str(self.header["cek"]), validate=True)
            self._prefix = base64.b64decode(str(self.header["nonce_prefix"]), validate=True)
            self._cek = _SUITE.decrypt(wrapped, private, info=MAGIC)
        except (KeyError, ValueError, InvalidTag):
            raise DisposalError(
                "this package was not sealed to this key", hint="use the recipient's private key"
            ) from None
        self._stream = stream
        self._buffer = bytearray()
        self._counter = 0
        self._done = False

    def _next(self) -> None:
        raw = self._stream.read(4)
        if len(raw) != 4:
            raise DisposalError("the package is truncated")
        (size,) = struct.unpack(">I", raw)
        sealed = self._stream.read(size)
        nonce = self._prefix + struct.pack(">I", self._counter)
        self._counter += 1
        for flag in (b"\x00", b"\x01"):
            try:
                self._buffer += AESGCM(self._cek).decrypt(nonce, sealed, self._aad + flag)
            except InvalidTag:
                continue
            self._done = flag == b"\x01"
            if self._done and self._stream.read(1):
                raise DisposalError("the package has data after its last chunk")
            return
        raise DisposalError("the package was altered (a chunk fails its integrity check)")

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            self._next()
        size = len(self._buffer) if size < 0 else min(size, len(self._buffer))
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out


__all__ = ["FORMAT", "SCHEME", "OpenedReader", "SealedWriter", "fingerprint", "read_header"]
