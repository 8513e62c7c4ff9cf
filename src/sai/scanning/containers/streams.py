"""Single-stream decompression (gzip, zlib, bz2, xz/lzma, raw deflate, lz4 frames) with an
output cap. lz4 needs the ``lz4`` package (``sai[lz4]``); without it lz4 data is reported as
unsupported (fail closed). bz2 and lzma load only when their data is met."""

from __future__ import annotations

import zlib
from typing import Protocol

from sai.scanning.containers.errors import ContainerError, LimitExceeded, Unsupported

_CHUNK = 1 << 20


class _Decompressor(Protocol):
    def decompress(self, data: bytes, max_length: int = ...) -> bytes: ...

    @property
    def unused_data(self) -> bytes: ...


def _new(kind: str) -> _Decompressor:
    if kind == "gzip":
        return zlib.decompressobj(wbits=31)
    if kind == "zlib":
        return zlib.decompressobj(wbits=15)
    if kind == "deflate":
        return zlib.decompressobj(wbits=-15)
    if kind == "bz2":
        import bz2

        return bz2.BZ2Decompressor()
    if kind in ("xz", "lzma"):
        import lzma

        return lzma.LZMADecompressor()
    if kind == "lz4":
        try:
            import lz4.frame  # type: ignore[import-untyped]
        except ImportError:
            raise Unsupported(
                "lz4-compressed data needs the lz4 package (pip install 'sai[lz4]')"
            ) from None
        return lz4.frame.LZ4FrameDecompressor()  # type: ignore[no-any-return]
    raise Unsupported(f"no decompressor for {kind}")


def decompress(data: memoryview | bytes, kind: str, limit: int) -> bytes:
    """All of ``data`` decompressed (every concatenated member), at most ``limit`` bytes.

    Raises LimitExceeded past ``limit`` (a decompression bomb gives a finding, not an
    out-of-memory) and ContainerError when the stream is corrupt or truncated.
    """
    out = bytearray()
    pending = bytes(data)
    corrupt = _corruption_errors(kind)
    while pending:
        engine = _new(kind)
        try:
            chunk = engine.decompress(pending, _CHUNK)
            while True:
                out += chunk
                if len(out) > limit:
                    raise LimitExceeded(f"{kind} data expands past {limit} bytes")
                if _finished(engine):
                    break
                chunk = engine.decompress(getattr(engine, "unconsumed_tail", b""), _CHUNK)
                if not chunk and not _finished(engine):
                    raise ContainerError(f"{kind} stream is truncated", len(data))
        except corrupt as error:
            raise ContainerError(f"{kind} stream is corrupt: {error}") from None
        pending = engine.unused_data or b""
        if kind not in ("gzip", "bz2", "xz", "lz4") or not pending.strip(b"\x00"):
            break
    return bytes(out)


def _corruption_errors(kind: str) -> tuple[type[Exception], ...]:
    """What a decompressor of ``kind`` raises on corrupt or truncated data."""
    errors: tuple[type[Exception], ...] = (zlib.error, OSError, EOFError, ValueError, RuntimeError)
    if kind in ("xz", "lzma"):
        import lzma

        errors += (lzma.LZMAError,)
    return errors


def _finished(engine: _Decompressor) -> bool:
    return bool(getattr(engine, "eof", False))


__all__ = ["decompress"]
