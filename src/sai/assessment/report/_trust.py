"""Whom an auditor trusts when verifying a report: which log key, and which witnesses.

The key the report carries proves nothing about who signed it (anyone can re-sign a changed
report with a new key and embed that). So the auditor pins the owner's key (``keys``), or
its fingerprint, or says explicitly that the embedded key is trusted
(``unsafe_trust_embedded_key``); with none of these nothing is verified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sai.assessment.report._keys import KeyInputError
from sai.errors import SaiError
from sai.ledger.cosignature import CosignatureVerifier
from sai.ledger.keyfiles import key_fingerprint
from sai.ledger.note import NoteVerifier

KeySource = Literal["pinned", "fingerprint", "embedded", "none"]
_FINGERPRINT = re.compile(r"(?:sha256:)?([0-9a-f]{64})")

NOTHING_PINNED = (
    "nothing was verified: no key is pinned, and the key embedded in the report proves "
    "nothing about who signed it; pass the owner's public key with --key "
    "(.sai/keys/signing.pub) or its fingerprint with --key-id sha256:..., or accept the "
    "embedded key with --unsafe-trust-embedded-key"
)


def parse_fingerprint(text: str) -> str:
    """``sha256:<64 hex>`` (the prefix may be left out); KeyInputError otherwise."""
    found = _FINGERPRINT.fullmatch(text.strip().lower())
    if found is None:
        raise KeyInputError(
            f"--key-id {text!r} is not a key fingerprint",
            hint="a fingerprint is sha256: and 64 hex digits, as `sai ledger checkpoint` prints",
        )
    return "sha256:" + found.group(1)


@dataclass(frozen=True)
class Trust:
    """The auditor's pins: log keys or a key fingerprint, and witnesses that must cosign."""

    keys: tuple[NoteVerifier, ...] = ()
    fingerprint: str | None = None
    unsafe_trust_embedded_key: bool = False
    witnesses: tuple[CosignatureVerifier, ...] = ()

    def verifiers(self, embedded_vkey: str) -> tuple[list[NoteVerifier], KeySource, str | None]:
        """The keys to check the checkpoint with, their source, and a problem if any."""
        if self.keys:
            return list(self.keys), "pinned", None
        if self.fingerprint is None and not self.unsafe_trust_embedded_key:
            return [], "none", NOTHING_PINNED
        try:
            embedded = NoteVerifier.from_vkey(embedded_vkey)
        except SaiError as exc:
            return [], "none", f"the embedded verifier key is unusable: {exc.message}"
        if self.fingerprint is None:
            return [embedded], "embedded", None
        found = key_fingerprint(embedded.public_key)
        if found != parse_fingerprint(self.fingerprint):
            return (
                [],
                "fingerprint",
                (
                    f"the report's key {embedded.key} has the fingerprint {found}, not the pinned "
                    f"{self.fingerprint}: it was signed by another key"
                ),
            )
        return [embedded], "fingerprint", None


__all__ = ["NOTHING_PINNED", "KeySource", "Trust", "parse_fingerprint"]
