"""DSSE v1 envelopes: the pre-authentication encoding that is what actually gets signed."""

from __future__ import annotations

#: The payload type model-signing uses for its in-toto statement.
IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json"


def pae(payload_type: str, payload: bytes) -> bytes:
    """``DSSEv1 <len> <type> <len> <payload>``, per the DSSE protocol."""
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


__all__ = ["IN_TOTO_PAYLOAD_TYPE", "pae"]
