"""The in-toto statement of a model signature (predicate ``https://model_signing/signature/v1.0``).

The subject is the model's name with the root digest (SHA-256 over every item digest in
canonical order); the predicate lists each file or shard with its digest and how the model
was serialized, so a verifier can hash the local copy the same way.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from sai.inventory.errors import SignatureFormatError
from sai.inventory.hashing import HashAlgorithm, ItemDigest, TreeDigest, item_sort_key

STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://model_signing/signature/v1.0"
_DIGEST_HEX = {HashAlgorithm.sha256: 64, HashAlgorithm.blake2b: 128, HashAlgorithm.blake3: 64}
_ALIASES = {"blake2": HashAlgorithm.blake2b}


def build_statement(tree: TreeDigest, model_name: str) -> bytes:
    """The statement's JSON bytes, ready to go into a DSSE envelope."""
    serialization: dict[str, Any] = {
        "method": tree.method,
        "hash_type": tree.algorithm.value,
        "allow_symlinks": tree.allow_symlinks,
    }
    if tree.shard_size is not None:
        serialization["shard_size"] = tree.shard_size
    if tree.ignore:
        serialization["ignore_paths"] = sorted(tree.ignore)
    # NOTE: model-signing names shard digests "<algorithm>-sharded-<shard size>".
    algorithm = resource_algorithm(tree.algorithm, tree.shard_size)
    document = {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": model_name, "digest": {"sha256": tree.root_digest}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": {
            "serialization": serialization,
            "resources": [
                {"name": item.name, "algorithm": algorithm, "digest": item.digest}
                for item in tree.items
            ],
        },
    }
    return json.dumps(document, indent=2, sort_keys=True).encode("utf-8")


def resource_algorithm(algorithm: HashAlgorithm, shard_size: int | None) -> str:
    """The ``algorithm`` of each resource: plain for files, suffixed for shards."""
    if shard_size is None:
        return algorithm.value
    return f"{algorithm.value}-sharded-{shard_size}"


@dataclass(frozen=True)
class SignedManifest:
    """What a signature says about the model: its name and the expected digest tree."""

    model_name: str
    tree: TreeDigest


def _fail(path: str, message: str) -> SignatureFormatError:
    return SignatureFormatError(
        f"the signed statement is malformed: {path} {message}",
        hint="the signature was not made by model-signing or sai, or it was altered",
    )


def _get(container: object, key: str, path: str, kind: type) -> Any:
    if not isinstance(container, dict) or not isinstance(container.get(key), kind):
        raise _fail(f"{path}.{key}", f"must be a {kind.__name__}")
    return container[key]


def _safe_name(name: str, path: str) -> str:
    file_part = name
    head, sep, end = name.rpartition(":")
    if sep and end.isdigit():
        head2, sep2, start = head.rpartition(":")
        if sep2 and start.isdigit():
            file_part = head2
    parts = PurePosixPath(file_part).parts
    if (
        not file_part
        or file_part.startswith("/")
        or ".." in parts
        or "\\" in file_part
        or any(ord(c) < 32 for c in name)
    ):
        raise _fail(path, f"names {name!r}, which is not a relative path inside the model")
    return name


def _algorithm(text: str, path: str) -> HashAlgorithm:
    try:
        return _ALIASES.get(text) or HashAlgorithm(text)
    except ValueError:
        raise _fail(path, f"is {text!r}; supported are sha256, blake2b, blake3") from None


def _shard_size(serialization: dict[str, Any], method: str) -> int | None:
    if method == "files":
        return None
    if method != "shards":
        raise _fail("predicate.serialization.method", f"is {method!r}, not files or shards")
    raw = serialization.get("shard_size")
    # NOTE: model-signing writes through protobuf's Struct, so integers arrive as 1000.0.
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise _fail("predicate.serialization.shard_size", "must be a positive integer")
    if raw != int(raw) or int(raw) <= 0:
        raise _fail("predicate.serialization.shard_size", "must be a positive integer")
    return int(raw)


def _resources(
    predicate: dict[str, Any], algorithm: HashAlgorithm, shard_size: int | None
) -> tuple[ItemDigest, ...]:
    resources = _get(predicate, "resources", "predicate", list)
    items: dict[str, ItemDigest] = {}
    for index, resource in enumerate(resources):
        where = f"predicate.resources[{index}]"
        name = _safe_name(_get(resource, "name", where, str), f"{where}.name")
        named = _get(resource, "algorithm", where, str)
        accepted = {algorithm.value, resource_algorithm(algorithm, shard_size)}
        accepted |= {alias for alias, value in _ALIASES.items() if value is algorithm}
        if named not in accepted:
            raise _fail(f"{where}.algorithm", f"is {named!r}, which differs from the hash_type")
        digest = _get(resource, "digest", where, str)
        if len(digest) != _DIGEST_HEX[algorithm] or digest.strip("0123456789abcdef"):
            raise _fail(f"{where}.digest", f"is not a {algorithm.value} digest in hex")
        if name in items:
            raise _fail(f"{where}.name", f"repeats {name!r}")
        items[name] = ItemDigest(name, digest, 0)
    return tuple(sorted(items.values(), key=lambda item: item_sort_key(item.name)))


def parse_statement(payload: bytes) -> SignedManifest:
    """Parse and check the statement; the root digest must match the listed resources."""
    try:
        document = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _fail("the payload", "is not UTF-8 JSON") from None
    if _get({"d": document}, "d", "statement", dict).get("_type") != STATEMENT_TYPE:
        raise _fail("_type", f"must be {STATEMENT_TYPE}")
    predicate_type = document.get("predicateType")
    if predicate_type != PREDICATE_TYPE:
        raise _fail("predicateType", f"is {predicate_type!r}; sai reads {PREDICATE_TYPE}")
    subjects = _get(document, "subject", "statement", list)
    if len(subjects) != 1:
        raise _fail("subject", f"must list exactly one model, not {len(subjects)}")
    name = _get(subjects[0], "name", "subject[0]", str)
    expected = _get(_get(subjects[0], "digest", "subject[0]", dict), "sha256", "digest", str)
    predicate = _get(document, "predicate", "statement", dict)
    serialization = _get(predicate, "serialization", "predicate", dict)
    where = "predicate.serialization"
    algorithm = _algorithm(_get(serialization, "hash_type", where, str), f"{where}.hash_type")
    method = _get(serialization, "method", where, str)
    ignore = serialization.get("ignore_paths", [])
    if not isinstance(ignore, list) or not all(isinstance(p, str) for p in ignore):
        raise _fail(f"{where}.ignore_paths", "must be a list of strings")
    allow = serialization.get("allow_symlinks", False)
    shard_size = _shard_size(serialization, method)
    tree = TreeDigest(
        algorithm=algorithm,
        method=method,
        shard_size=shard_size,
        items=_resources(predicate, algorithm, shard_size),
        allow_symlinks=allow is True,
        ignore=tuple(sorted(p for p in ignore if ".." not in PurePosixPath(p).parts)),
    )
    if tree.root_digest != expected:
        raise _fail("subject[0].digest.sha256", "does not match the listed resources")
    return SignedManifest(name, tree)


__all__ = [
    "PREDICATE_TYPE",
    "STATEMENT_TYPE",
    "SignedManifest",
    "build_statement",
    "parse_statement",
    "resource_algorithm",
]
