"""Sign a model and verify it against a signature, in the model-signing format (key method).

Signing hashes the model, wraps the in-toto statement in a DSSE envelope, signs its PAE with
the EC key and writes a Sigstore bundle. Verifying checks the key and signature first, then
rehashes the local model exactly as the statement says and names every file that was added,
removed or changed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec

from sai.inventory._walk import GIT_PATHS
from sai.inventory.errors import InventoryError, SignatureError
from sai.inventory.hashing import HashOptions, Progress, TreeDigest, hash_tree, item_sort_key
from sai.inventory.signing.bundle import Bundle, parse_bundle
from sai.inventory.signing.dsse import IN_TOTO_PAYLOAD_TYPE, pae
from sai.inventory.signing.keys import hash_for, key_hint, load_private_key, load_public_key
from sai.inventory.signing.statement import build_statement, parse_statement


@dataclass(frozen=True)
class SignResult:
    """A written signature: where, over what, with which key."""

    model_name: str
    signature_path: Path
    tree: TreeDigest
    key_hint: str
    signature_digest: str


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of verifying a model: which files differ from what was signed."""

    signed_name: str
    local_name: str
    signed_root: str
    actual_root: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    key_hint: str
    signature_digest: str
    files: int

    @property
    def ok(self) -> bool:
        return not (self.added or self.removed or self.changed)

    @property
    def other_model(self) -> bool:
        """The signature names another model and shares no file digest with this one."""
        return (
            self.signed_name != self.local_name
            and len(self.changed) == 0
            and not (self.files > len(self.added))
        )


def _file_of(name: str, sharded: bool) -> str:
    return name.rsplit(":", 2)[0] if sharded else name


def _inside(path: Path, model: Path) -> str | None:
    try:
        return path.resolve().relative_to(model.resolve()).as_posix()
    except ValueError:
        return None


def _extra_ignore(model: Path, signature: Path) -> tuple[str, ...]:
    relative = _inside(signature, model) if model.is_dir() else None
    return (relative,) if relative else ()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".sai-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def model_name_of(model: Path) -> str:
    """The name model-signing records: the last path component."""
    return model.resolve().name


def sign_model(
    model: Path,
    signature: Path,
    private_key: Path,
    *,
    options: HashOptions | None = None,
    progress: Progress | None = None,
) -> SignResult:
    """Hash ``model`` and write its signature bundle to ``signature`` (atomically)."""
    options = options or HashOptions()
    options = replace(options, ignore=(*options.ignore, *_extra_ignore(model, signature)))
    key = load_private_key(private_key)
    tree = hash_tree(model, options, progress)
    name = model_name_of(model)
    payload = build_statement(tree, name)
    raw = key.sign(pae(IN_TOTO_PAYLOAD_TYPE, payload), ec.ECDSA(hash_for(key.public_key())))
    hint = key_hint(key.public_key())
    data = Bundle(hint, IN_TOTO_PAYLOAD_TYPE, payload, raw).to_json()
    _atomic_write(signature, data)
    return SignResult(name, signature, tree, hint, "sha256:" + hashlib.sha256(data).hexdigest())


def _check_bundle(bundle: Bundle, public: ec.EllipticCurvePublicKey) -> None:
    hint = key_hint(public)
    if bundle.key_hint is not None and bundle.key_hint != hint:
        raise SignatureError(
            "the signature was made with another key than the public key given",
            hint="verify with the signer's public key (`--public-key`)",
        )
    try:
        public.verify(
            bundle.signature, pae(bundle.payload_type, bundle.payload), ec.ECDSA(hash_for(public))
        )
    except InvalidSignature:
        raise SignatureError(
            "the signature does not verify: the signed statement was altered, or another key "
            "signed it",
            hint="obtain the genuine signature and the signer's public key",
        ) from None


def _by_file(tree: TreeDigest) -> dict[str, tuple[str, ...]]:
    sharded = tree.method == "shards"
    grouped: dict[str, list[str]] = {}
    for item in tree.items:
        grouped.setdefault(_file_of(item.name, sharded), []).append(f"{item.name}={item.digest}")
    return {name: tuple(parts) for name, parts in grouped.items()}


def _sorted(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(names, key=item_sort_key))


def read_signature(signature: Path) -> bytes:
    """The signature file's bytes, with a clear error when it is missing."""
    try:
        return signature.read_bytes()
    except FileNotFoundError:
        raise InventoryError(
            f"no signature at {signature}", hint="sign the model first: `sai inventory sign`"
        ) from None
    except OSError as exc:
        raise InventoryError(f"cannot read {signature}: {exc.strerror}") from None


def verify_model(
    model: Path,
    signature: Path,
    public_key: Path,
    *,
    unsafe_follow_external_symlinks: bool = False,
    progress: Progress | None = None,
) -> VerifyResult:
    """Verify the signature, then compare the local model file by file with what was signed."""
    data = read_signature(signature)
    bundle = parse_bundle(data)
    public = load_public_key(public_key)
    _check_bundle(bundle, public)
    signed = parse_statement(bundle.payload)
    expected = signed.tree
    options = HashOptions(
        algorithm=expected.algorithm,
        shard_size=expected.shard_size,
        ignore=(*expected.ignore, *GIT_PATHS, *_extra_ignore(model, signature)),
        unsafe_follow_external_symlinks=unsafe_follow_external_symlinks,
    )
    actual = hash_tree(model, options, progress)
    want, have = _by_file(expected), _by_file(actual)
    return VerifyResult(
        signed_name=signed.model_name,
        local_name=model_name_of(model),
        signed_root=expected.root_digest,
        actual_root=actual.root_digest,
        added=_sorted(set(have) - set(want)),
        removed=_sorted(set(want) - set(have)),
        changed=_sorted(name for name in set(want) & set(have) if want[name] != have[name]),
        key_hint=key_hint(public),
        signature_digest="sha256:" + hashlib.sha256(data).hexdigest(),
        files=len(have),
    )


__all__ = [
    "SignResult",
    "VerifyResult",
    "model_name_of",
    "read_signature",
    "sign_model",
    "verify_model",
]
