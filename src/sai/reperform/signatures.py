"""Model signatures: the signed root digest re-computed, the signature re-verified.

With the model, its signature file and the model-signing public key among the files given,
`sai.inventory.signing.verify_model` runs again; with the model alone, its root digest is
re-computed the way it was signed (algorithm and files/shards) and compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from sai.errors import SaiError
from sai.inventory.hashing import DEFAULT_SHARD_SIZE, HashAlgorithm, HashOptions, hash_tree
from sai.inventory.signing.keys import PUBLIC_NAME, key_hint, load_public_key
from sai.inventory.signing.model import verify_model
from sai.ledger.entry import Evidence
from sai.ledger.kinds import Kind
from sai.reperform.base import Files, Finding, Outcome, Reperformer, data_of

KEY_PATH = f".sai/keys/{PUBLIC_NAME}"
"""Where the model-signing public key sits in a project (the auditor may be given it)."""


def _root(model: Path, data: Mapping[str, Any]) -> str:
    options = HashOptions(
        algorithm=HashAlgorithm(str(data.get("algorithm", "sha256"))),
        shard_size=DEFAULT_SHARD_SIZE if data.get("method") == "shards" else None,
    )
    return "sha256:" + hash_tree(model, options).root_digest


class ModelSignatures(Reperformer):
    """Re-check ``asset.signed`` (the root that was signed) and ``asset.verified`` claims."""

    kinds: ClassVar[frozenset[str]] = frozenset({Kind.ASSET_SIGNED, Kind.ASSET_VERIFIED})

    def check(self, index: int, evidence: Evidence, files: Files) -> list[Finding]:
        data = data_of(evidence)
        model = files.asset_path(evidence.subject)

        def say(outcome: Outcome, detail: str) -> list[Finding]:
            return [self.finding(index, evidence, outcome, detail)]

        if model is None or not model.exists():
            return say(Outcome.UNSETTLED, "the model's files were not given")
        signed = evidence.kind == Kind.ASSET_SIGNED
        claimed = data.get("root_digest" if signed else "actual_root")
        signature = data.get("signature")
        sig_path = files.inside(signature) if isinstance(signature, str) else None
        key = files.inside(KEY_PATH)
        try:
            if sig_path is not None and sig_path.is_file() and key is not None and key.is_file():
                return say(*self._verify(model, sig_path, key, data, signed))
            if not signed:  # how it was hashed is in the signature, which was not given
                return say(Outcome.UNSETTLED, "needs the signature file and the model-signing key")
            actual = _root(model, data)
        except SaiError as exc:
            return say(Outcome.CONTRADICTED, f"the signature does not verify: {exc.message}")
        if actual != claimed:
            return say(Outcome.CONTRADICTED, f"recorded root {claimed}, the files give {actual}")
        return say(
            Outcome.CONFIRMED, f"root {actual} re-computed (signature file or key not given)"
        )

    @staticmethod
    def _verify(
        model: Path, signature: Path, key: Path, data: Mapping[str, Any], signed: bool
    ) -> tuple[Outcome, str]:
        if key_hint(load_public_key(key)) != data.get("key_hint"):
            hint = data.get("key_hint")
            return Outcome.UNSETTLED, f"the key given is not the one recorded ({hint})"
        result = verify_model(model, signature, key)
        root = f"sha256:{result.signed_root}"
        if signed and root != data.get("root_digest"):
            return Outcome.CONTRADICTED, f"the signature given signs {root}, not the recorded root"
        if result.signature_digest != data.get("signature_digest"):
            return Outcome.CONTRADICTED, "the signature file given is not the one recorded"
        if signed and not result.ok:
            return Outcome.CONTRADICTED, "the model given no longer matches its signature"
        if not signed and result.ok != data.get("ok"):
            recorded = data.get("ok")
            return Outcome.CONTRADICTED, f"recorded ok={recorded}, verifying again: ok={result.ok}"
        return Outcome.CONFIRMED, f"signature verified again, root {root}"


__all__ = ["KEY_PATH", "ModelSignatures"]
