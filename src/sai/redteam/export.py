"""Export a run for others: the report, its ledger entry and an inclusion proof, verifiable
offline against a signed checkpoint (sharing findings, 5.2.5-3).

The bundle is one JSON file. `verify_bundle` needs only that file (and, ideally, the owner's
public key): it checks the checkpoint's signature, each entry's inclusion proof against the
checkpoint's root, and that the entry vouches for exactly this report (its digest).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from sai.errors import SaiError
from sai.ledger import Evidence, InclusionProof, Ledger, NoteVerifier, open_checkpoint
from sai.ledger.merkle import leaf_hash
from sai.redteam.errors import RedteamError
from sai.redteam.record import KIND, export_evidence, report_digest

FORMAT = "sai-redteam-bundle/1"


def export_bundle(
    ledger: Ledger, run_id: str, report: bytes, *, actor: str = "unknown"
) -> dict[str, Any]:
    """The bundle of run ``run_id``: RedteamError when the run is not recorded."""
    entries = ledger.query(kind=KIND, subject=f"redteam/{run_id}")
    if not entries:
        raise RedteamError(
            f"run {run_id} is not in the ledger",
            hint="only finished runs in a workspace are recorded; resume it with --resume",
        )
    if entries[-1].evidence.data.get("report_digest") != report_digest(report):
        raise RedteamError(
            f"the report of run {run_id} does not match the digest its ledger entry recorded"
        )
    ledger.append(export_evidence(entries[-1], report, actor=actor))
    signed = ledger.checkpoint()
    size = signed.checkpoint.size
    return {
        "format": FORMAT,
        "report": base64.b64encode(report).decode("ascii"),
        "origin": signed.checkpoint.origin,
        "checkpoint": signed.to_bytes().decode("utf-8"),
        "verifier_key": ledger.verifier.verifier_key(),
        "entries": [
            {
                "index": entry.index,
                "leaf": base64.b64encode(entry.evidence.leaf_bytes()).decode("ascii"),
                "proof": ledger.prove(entry.index, size).to_json(),
            }
            for entry in entries
        ],
    }


@dataclass(frozen=True)
class BundleCheck:
    """What held and what did not; ``report`` is the bundled report's bytes."""

    passed: tuple[str, ...]
    problems: tuple[str, ...]
    report: bytes
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def pinned_verifier(spec: str, data: bytes) -> NoteVerifier:
    """``--key``: a PEM public key file (named as the bundle's key is), a file holding a
    verifier key, or the verifier key itself."""
    from pathlib import Path

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    path = Path(spec)
    text = path.read_text(encoding="utf-8") if path.is_file() else spec
    if "BEGIN PUBLIC KEY" not in text:
        return NoteVerifier.from_vkey(text.strip())
    key = serialization.load_pem_public_key(text.encode("ascii"))
    if not isinstance(key, Ed25519PublicKey):
        raise RedteamError(f"{spec} is not an Ed25519 public key")
    try:
        name = str(json.loads(data)["verifier_key"]).split("+", 1)[0]
    except (ValueError, KeyError, TypeError):
        raise RedteamError(f"not a {FORMAT} file") from None
    return NoteVerifier(name, key)


def verify_bundle(data: bytes, *, key: NoteVerifier | None = None) -> BundleCheck:
    """Check a bundle offline against the owner's ``key`` (else the key inside the bundle)."""
    try:
        bundle = json.loads(data)
        report = base64.b64decode(bundle["report"], validate=True)
        verifier = key or NoteVerifier.from_vkey(bundle["verifier_key"])
        signed = open_checkpoint(
            bundle["checkpoint"].encode("utf-8"), [verifier], origin=bundle["origin"]
        )
    except SaiError as error:
        return BundleCheck((), (f"checkpoint: {error.message}",), b"")
    except (ValueError, KeyError, TypeError) as error:
        raise RedteamError(f"not a {FORMAT} file: {error}") from None
    passed = [f"checkpoint signed by {'the pinned' if key else 'the embedded'} key"]
    problems: list[str] = []
    warnings = (
        [] if key else ["no --key given: the checkpoint was checked with the bundle's own key"]
    )
    digest = report_digest(report)
    vouched = False
    for item in bundle.get("entries", []):
        try:
            leaf = base64.b64decode(item["leaf"], validate=True)
            proof = InclusionProof.from_json(item["proof"])
            if proof.leaf_hash != leaf_hash(leaf) or proof.index != item["index"]:
                raise RedteamError("the proof is for another leaf")
            if proof.size != signed.checkpoint.size:
                raise RedteamError("the proof is for another tree size")
            proof.verify(signed.checkpoint.root)
            evidence = Evidence.from_leaf_bytes(leaf)
        except SaiError as error:
            problems.append(f"entry {item.get('index')}: {error.message}")
            continue
        except (ValueError, KeyError, TypeError) as error:
            problems.append(f"entry {item.get('index')}: malformed ({error})")
            continue
        passed.append(f"entry {item['index']} is in the ledger at size {proof.size}")
        vouched |= evidence.kind == KIND and evidence.data.get("report_digest") == digest
    if vouched:
        passed.append("a redteam.run entry vouches for this report's digest")
    else:
        problems.append("no proven redteam.run entry records this report's digest")
    return BundleCheck(tuple(passed), tuple(problems), report, tuple(warnings))


__all__ = ["FORMAT", "BundleCheck", "export_bundle", "pinned_verifier", "verify_bundle"]
